/**
 * Typed factories for every Terraform type gdp creates. Each takes the provider's own config (without
 * cdktf meta-arguments) plus {@link ResourceOptions}, creates the resource in a stack and returns a plain
 * {@link ResourceRef}. Provider classes are imported by deep path only (the barrel costs ~2 s and 380 MB).
 */
import { TerraformOutput, TerraformResource, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';
import { BigqueryDataset } from '@cdktf/provider-google/lib/bigquery-dataset';
import { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import { BigqueryRoutine } from '@cdktf/provider-google/lib/bigquery-routine';
import { BigqueryTable } from '@cdktf/provider-google/lib/bigquery-table';
import { CloudSchedulerJob } from '@cdktf/provider-google/lib/cloud-scheduler-job';
import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { EventarcTrigger } from '@cdktf/provider-google/lib/eventarc-trigger';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { WorkflowsWorkflow } from '@cdktf/provider-google/lib/workflows-workflow';
import { elementOf, stackOf, wrapElement, type ResourceRef, type StackScope } from './refs';
import { providerClass, type ProviderClass } from './provider-class';
import './stack-traces';

/** Terraform `lifecycle` settings gdp uses. */
export interface Lifecycle {
  /** Terraform refuses any plan that destroys or replaces the resource. */
  readonly preventDestroy?: boolean;
  readonly createBeforeDestroy?: boolean;
  /** Attribute names (snake_case) whose drift Terraform ignores. */
  readonly ignoreChanges?: readonly string[];
}

/** Meta-arguments every factory accepts besides the provider's attributes. */
export interface ResourceOptions {
  /** Resources that must exist first (written as sorted, de-duplicated `depends_on` addresses). */
  readonly dependsOn?: readonly ResourceRef[];
  readonly lifecycle?: Lifecycle;
}

/** A provider config without cdktf's meta-arguments, plus gdp's {@link ResourceOptions}. */
export type Args<C> = Omit<C, keyof TerraformMetaArguments> & ResourceOptions;

type Ctor = ProviderClass;
type ConfigOf<T> = T extends new (scope: Construct, id: string, config: infer C) => unknown ? NonNullable<C> : never;

const RESOURCE_CLASSES = {
  bigqueryDataset: BigqueryDataset,
  bigqueryDatasetIamMember: BigqueryDatasetIamMember,
  bigqueryRoutine: BigqueryRoutine,
  bigqueryTable: BigqueryTable,
  cloudSchedulerJob: CloudSchedulerJob,
  eventarcTrigger: EventarcTrigger,
  projectIamMember: ProjectIamMember,
  serviceAccount: ServiceAccount,
  storageBucketIamMember: StorageBucketIamMember,
  workflowsWorkflow: WorkflowsWorkflow,
} as const;

const DATA_SOURCE_CLASSES = {
  storageProjectServiceAccount: DataGoogleStorageProjectServiceAccount,
} as const;

type ResourceKey = keyof typeof RESOURCE_CLASSES;
type DataSourceKey = keyof typeof DATA_SOURCE_CLASSES;

/** Arguments of a factory (`ArgsOf<'bigqueryTable'>`). */
export type ArgsOf<K extends ResourceKey | DataSourceKey> = Args<ConfigOf<(typeof RESOURCE_CLASSES & typeof DATA_SOURCE_CLASSES)[K]>>;

/** `google_bigquery_dataset`. */
export type BigqueryDatasetArgs = ArgsOf<'bigqueryDataset'>;
/** `google_bigquery_dataset_iam_member`. */
export type BigqueryDatasetIamMemberArgs = ArgsOf<'bigqueryDatasetIamMember'>;
/** `google_bigquery_routine`. */
export type BigqueryRoutineArgs = ArgsOf<'bigqueryRoutine'>;
/** `google_bigquery_table`. */
export type BigqueryTableArgs = ArgsOf<'bigqueryTable'>;
/** `google_cloud_scheduler_job`. */
export type CloudSchedulerJobArgs = ArgsOf<'cloudSchedulerJob'>;
/** `google_eventarc_trigger`. */
export type EventarcTriggerArgs = ArgsOf<'eventarcTrigger'>;
/** `google_project_iam_member`. */
export type ProjectIamMemberArgs = ArgsOf<'projectIamMember'>;
/** `google_service_account`. */
export type ServiceAccountArgs = ArgsOf<'serviceAccount'>;
/** `google_storage_bucket_iam_member`. */
export type StorageBucketIamMemberArgs = ArgsOf<'storageBucketIamMember'>;
/** `google_workflows_workflow`. */
export type WorkflowsWorkflowArgs = ArgsOf<'workflowsWorkflow'>;
/** `data.google_storage_project_service_account`. */
export type StorageProjectServiceAccountArgs = ArgsOf<'storageProjectServiceAccount'>;

/** One factory per Terraform type gdp creates: `(id, args) → ResourceRef`, ids are Terraform local names. */
export type ResourceFactories = {
  readonly [K in ResourceKey | DataSourceKey]: (id: string, args: ArgsOf<K>) => ResourceRef;
};

/** Terraform type of each factory (`bigqueryTable` → `google_bigquery_table`). */
export const FACTORY_TYPES: Readonly<Record<ResourceKey | DataSourceKey, string>> = Object.fromEntries(
  Object.entries({ ...RESOURCE_CLASSES, ...DATA_SOURCE_CLASSES }).map(([k, c]) => [k, (c as unknown as Ctor).tfResourceType]),
) as Record<ResourceKey | DataSourceKey, string>;

/** Keys of the factories that create data sources rather than resources. */
export const DATA_SOURCE_FACTORIES: readonly string[] = Object.keys(DATA_SOURCE_CLASSES);

function create(scope: StackScope, id: string, cls: Ctor, args: ResourceOptions & object, data: boolean): ResourceRef {
  const { dependsOn, lifecycle, ...config } = args;
  const element = new cls(stackOf(scope), id, {
    ...config,
    ...(lifecycle ? { lifecycle: { ...lifecycle, ignoreChanges: lifecycle.ignoreChanges ? [...lifecycle.ignoreChanges] : undefined } } : {}),
  } as never);
  if (dependsOn && dependsOn.length > 0) element.dependsOn = [...new Set(dependsOn.map((d) => d.address))].sort();
  return wrapElement(element, cls.tfResourceType, id, data);
}

/**
 * Creates the resource or data source of the provider class at a deep import path
 * (`@cdktf/provider-google/lib/pubsub-topic`); `args` is that class's config plus {@link ResourceOptions}.
 */
export function createByPath(scope: StackScope, path: string, id: string, args: ResourceOptions & object, hooks: FactoryHooks = {}): ResourceRef {
  const { cls, type, dataSource } = providerClass(path);
  hooks.claim?.(type, id);
  const ref = create(scope, id, cls, args, dataSource);
  hooks.created?.(ref);
  return ref;
}

/** Callbacks of {@link resourceFactories}. */
export interface FactoryHooks {
  /** Called before a resource is created (e.g. to refuse an id that is already taken with a clear message). */
  readonly claim?: (type: string, id: string) => void;
  /** Called with every created reference. */
  readonly created?: (ref: ResourceRef) => void;
}

/** The factories bound to one stack; the synthesis layer uses the hooks to know which entity created what. */
export function resourceFactories(scope: StackScope, hooks: FactoryHooks = {}): ResourceFactories {
  const out: Record<string, (id: string, args: ResourceOptions & object) => ResourceRef> = {};
  const classes: [string, Ctor, boolean][] = [
    ...Object.entries(RESOURCE_CLASSES).map(([k, c]): [string, Ctor, boolean] => [k, c as unknown as Ctor, false]),
    ...Object.entries(DATA_SOURCE_CLASSES).map(([k, c]): [string, Ctor, boolean] => [k, c as unknown as Ctor, true]),
  ];
  for (const [key, cls, data] of classes) {
    out[key] = (id, args) => {
      hooks.claim?.(cls.tfResourceType, id);
      const ref = create(scope, id, cls, args, data);
      hooks.created?.(ref);
      return ref;
    };
  }
  return out as unknown as ResourceFactories;
}

/**
 * A Terraform expression for an exported attribute of a resource created by the adapter (e.g. a data
 * source's `email_address`). Prefer literal values where gdp already knows them: literals keep the output
 * readable and the plan exact.
 *
 * Written as the literal expression `${<address>.<attribute>}`, exactly what cdktf's token resolves to
 *: a cdktf token would stay in cdktf's process-wide token map for good, and
 * with it the whole stack it points to, so every later build in the same process (gdp plan builds
 * eight) would keep all earlier stacks in memory.
 */
export function attributeOf(ref: ResourceRef, attribute: string): string {
  const element = elementOf(ref);
  if (!element || !('getStringAttribute' in element)) throw new Error(`gdp: ${ref.address} was not created by the synthesis adapter`);
  return `\${${ref.address}.${attribute}}`;
}

/** A built-in `terraform_data` resource holding `input` (no provider needed; for tools and tests). */
export function terraformData(scope: StackScope, id: string, input: string): ResourceRef {
  const resource = new TerraformResource(stackOf(scope), id, { terraformResourceType: 'terraform_data' });
  resource.addOverride('input', input);
  return wrapElement(resource, 'terraform_data', id, false);
}

/** A stack output named `id` (for tools and tests). */
export function stackOutput(scope: StackScope, id: string, value: string): void {
  new TerraformOutput(stackOf(scope), id, { value, staticId: true });
}
