/**
 * The contract every module type (dataset, table, workflow, …) fulfils. The core never switches on a
 * kind: it asks the registered module types.
 */
import type { z } from 'zod';
import type { DiagnosticCode, } from './codes';
import type { DiagnosticBag } from './diagnostics';
import type { Environment } from './environment';
import type { SourceFile, ValuePath } from './source';
import type { SynthContext } from './synth-context';

/** One declared thing: a file of a module type, validated against its schema. */
export interface Entity<C = unknown> {
  /** Module kind, e.g. `table`. */
  readonly kind: string;
  /** Logical name, unique per kind (e.g. `transactions_v1`). */
  readonly name: string;
  /** The file it was declared in. */
  readonly file: SourceFile;
  /** The validated configuration (zod output). */
  readonly config: C;
}

/** A reference from one entity to another written as a plain field (e.g. a table's `dataset`). */
export interface FieldReference {
  /** Namespace of the target (`datasets`, `workflows`, …). */
  readonly namespace: string;
  /** Logical name of the target. */
  readonly name: string;
  /** Where the name is written. */
  readonly path: ValuePath;
}

/** Reports a diagnostic located at a value path of the entity's file. */
export type Reporter = (
  code: DiagnosticCode,
  path: ValuePath,
  message: string,
  options?: { hint?: string; key?: boolean; severity?: 'error' | 'warning' | 'info'; offset?: number },
) => void;

/** What a module's checks can see: every entity of the project, and a reporter for this entity. */
export interface CheckContext {
  readonly report: Reporter;
  /** Entities of another kind by logical name (read-only view of the whole project). */
  lookup<C = unknown>(namespace: string, name: string): Entity<C> | undefined;
  /** All entities of a namespace. */
  all<C = unknown>(namespace: string): readonly Entity<C>[];
}

/** What a module's per-environment checks see, with the entity's references resolved for one environment. */
export interface EnvCheckContext extends CheckContext {
  readonly env: Environment;
  /** The entity's configuration with every `${...}` resolved for this environment. */
  readonly resolved: unknown;
  /** Attributes of another entity in this environment. */
  attributesOf(namespace: string, name: string): Readonly<Record<string, string>> | undefined;
}

/** A generated cloud name to check against GCP's limits in every environment. */
export interface GeneratedName {
  /** Naming rule key in `naming.ts` (e.g. `workflow`). */
  readonly rule: string;
  readonly value: string;
  /** Where the logical part of the name is written. */
  readonly path: ValuePath;
  /**
   * What must be unique across the project (defaults to the name itself); e.g. `dataset.table` for
   * tables, whose ids only need to be unique within their dataset.
   */
  readonly uniqueKey?: string;
}

/** A module type: one folder in `configuration/`, one schema, its checks and its resources. */
export interface ModuleType<S extends z.ZodType = z.ZodType> {
  /** Kind name, singular (`table`). */
  readonly kind: string;
  /** Human title (`BigQuery table`). */
  readonly title: string;
  /** Folder under `configuration/`, POSIX separators (`sql-scripts/sprocs`). */
  readonly folder: string;
  /** The only definition of the file's shape. */
  readonly schema: S;
  /** Namespace used in references (`tables` for `${tables["x"].reference}`). */
  readonly namespace: string;
  /** Singular noun used in messages (`table`). */
  readonly noun: string;
  /** Logical name of a file's entity. */
  logicalName(config: z.output<S>, baseName: string): string;
  /** Value path of the field that gives the logical name (for duplicate-name positions). */
  readonly namePath?: ValuePath;
  /** Single-file rules beyond the schema, and rules that need other entities. */
  check?(entity: Entity<z.output<S>>, ctx: CheckContext): void;
  /** References written as plain fields (`dataset: sales`), checked to exist and added to the graph. */
  fieldReferences?(config: z.output<S>): FieldReference[];
  /** Attributes other files can reference as `${namespace["name"].attribute}`, per environment. */
  attributes?(entity: Entity<z.output<S>>, env: Environment, project: ProjectView): Record<string, string>;
  /** Names of cloud resources this entity creates in an environment, checked against GCP limits. */
  generatedNames?(entity: Entity<z.output<S>>, env: Environment, project: ProjectView): GeneratedName[];
  /** Checks that need resolved references or the environment. */
  checkEnv?(entity: Entity<z.output<S>>, ctx: EnvCheckContext): void;
  /** Reference names only valid inside this module's files (e.g. `date` in scheduler bodies). */
  localSymbols?(entity: Entity<z.output<S>>, path: ValuePath): Record<string, string> | undefined;
  /** Creates this entity's resources in an environment's stack. */
  synth?(entity: Entity<z.output<S>>, ctx: SynthContext): void;
  /** Example YAML for the README and `gdp schema`. */
  readonly example: string;
}

/** A read-only view of the loaded project that modules use to compute attributes and names. */
export interface ProjectView {
  lookup<C = unknown>(namespace: string, name: string): Entity<C> | undefined;
  all<C = unknown>(namespace: string): readonly Entity<C>[];
}

/** Helper so module files get full inference of their config type. */
export function defineModule<S extends z.ZodType>(module: ModuleType<S>): ModuleType<S> {
  return module;
}

/** A bag plus a file: the reporter factory modules receive. */
export type ReporterFactory = (bag: DiagnosticBag, file: SourceFile, env?: string) => Reporter;
