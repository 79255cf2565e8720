/**
 * The data of a plan: what happens to each Terraform resource of each environment, why, and what it
 * risks. Built by the offline comparison (classify.ts) and by the Terraform plan reader
 * (terraform-plan.ts); printed by the renderers (render-*.ts) and as JSON.
 */
import type { EnvironmentName } from '../core/environment';
import type { PlanCode } from './codes';
import type { EnvironmentImpact } from './impact';
import type { SchemaAnalysis } from './table-schema';

/** What happens to a resource. */
export type ChangeAction = 'create' | 'update' | 'replace' | 'destroy' | 'unchanged';

/** A resource's attributes as Terraform JSON holds them (cdk.tf.json or a plan's before/after). */
export type Values = Readonly<Record<string, unknown>>;

/** One changed attribute (a leaf or a whole value compared at once). */
export interface AttributeChange {
  /** Display path: `time_partitioning.field`, `labels["cost-center"]`, `arguments[0].data_type`. */
  readonly path: string;
  readonly change: 'added' | 'removed' | 'changed';
  /** Value before (absent when added). */
  readonly before?: unknown;
  /** Value after (absent when removed); {@link UNKNOWN} when only known after apply. */
  readonly after?: unknown;
  /** The provider replaces the resource for this change. */
  readonly forcesReplacement: boolean;
}

/** Marks a value Terraform only knows after apply. */
export const UNKNOWN = '(known after apply)';
/** Marks a sensitive value Terraform hides. */
export const SENSITIVE = '(sensitive)';

/** How bad a risk is; the renderers label them DATA LOSS, WILL FAIL AT APPLY, … */
export type RiskKind = 'data-loss' | 'apply-fails' | 'plan-refuses' | 'disruption' | 'notice';

/** A risky consequence of a change, with what to do instead. */
export interface Risk {
  readonly code: PlanCode;
  readonly kind: RiskKind;
  /** What happens, naming the resource and the values involved. */
  readonly message: string;
  /** What to do instead (or how to go ahead on purpose). */
  readonly advice: string;
}

/** What happens to one resource. */
export interface ResourceChange {
  /** Terraform address `type.name`. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly action: ChangeAction;
  /** The configuration file the resource comes from (head side; base side for destroyed resources). */
  readonly source?: string;
  /** Changed attributes (empty for create, destroy and unchanged). */
  readonly attributes: readonly AttributeChange[];
  /** Why the resource is replaced (attribute paths and rules). */
  readonly replaceReasons: readonly string[];
  /** Column-level view of a BigQuery table's schema change. */
  readonly schema?: SchemaAnalysis;
  readonly risks: readonly Risk[];
  /** The change is data loss that this environment does not allow and nobody acknowledged. */
  readonly blocked: boolean;
  /** The acknowledgement that lets this data loss through (where the environment does not allow it). */
  readonly acknowledgedBy?: { readonly origin: string; readonly reason: string };
}

/** Resources per action. */
export type ActionCounts = Readonly<Record<ChangeAction, number>>;

/** Where the offline plan and a Terraform plan say different things about a resource. */
export interface Disagreement {
  readonly address: string;
  /** Offline action (`absent` when gdp has no such resource). */
  readonly gdp: ChangeAction | 'absent';
  /** Terraform's action (`absent` when the plan does not list it). */
  readonly terraform: ChangeAction | 'absent';
}

/** A rendered `terraform show -json` plan of one environment. */
export interface TerraformPlanView {
  /** The plan file as given. */
  readonly file: string;
  readonly terraformVersion?: string;
  readonly counts: ActionCounts;
  /** Changed resources (unchanged ones are only counted). */
  readonly changes: readonly ResourceChange[];
  readonly disagreements: readonly Disagreement[];
}

/** The plan of one environment. */
export interface EnvironmentPlan {
  readonly env: EnvironmentName;
  /** Data loss is allowed: `options.allow_data_loss` is true on both sides. */
  readonly allowDataLoss: boolean;
  readonly counts: ActionCounts;
  /** Changed resources in address order (unchanged ones are only counted). */
  readonly changes: readonly ResourceChange[];
  readonly terraform?: TerraformPlanView;
  /** Downstream readers of changed tables, the changed subgraph, schedule changes (impact.ts). */
  readonly impact?: EnvironmentImpact;
}

/** One side of the comparison. */
export interface SideInfo {
  /** What the user passed (`origin/main`, `./configuration`). */
  readonly spec: string;
  /** How it is shown: `origin/main (3f2a1bc)`, `working tree (configuration)`. */
  readonly label: string;
  readonly kind: 'git' | 'folder';
  /** The commit, for git sides. */
  readonly commit?: string;
}

/** The whole plan. */
export interface Plan {
  readonly base: SideInfo;
  readonly head: SideInfo;
  readonly environments: readonly EnvironmentPlan[];
  /** Changes blocked by environments that do not allow data loss (offline and Terraform plans). */
  readonly blocked: number;
  /** Notes about the inputs (a commit without configuration, …). */
  readonly notes: readonly string[];
}

/** Zero counts. */
export function emptyCounts(): Record<ChangeAction, number> {
  return { create: 0, update: 0, replace: 0, destroy: 0, unchanged: 0 };
}
