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

/**
 * An entity another entity's file declares implicitly (e.g. the workflow, scheduler job and trigger a
 * load's `workflow:` field asks for). It is validated with its module's schema and then compiled like
 * an entity of its own file.
 */
export interface DerivedEntity {
  /** Module kind of the derived entity (`workflow`). */
  readonly kind: string;
  /** Its logical name; for module types named by file, the file base name it stands for. */
  readonly name: string;
  /** Its configuration as a file of that module type would hold it (zod input). */
  readonly config: unknown;
  /** Where in the deriving entity's file its diagnostics point (default: the file's top). */
  readonly at?: ValuePath;
}

/**
 * A SQL text an entity runs in BigQuery (a procedure body, generated SQL), handed to the SQL analyzer
 * (`src/sql/analyzer`) once per environment with every `${...}` resolved.
 */
export interface SqlBody {
  /** The resolved SQL text. */
  readonly sql: string;
  /** What the SQL is; a procedure body is a BigQuery script (BEGIN … END). */
  readonly kind: 'procedure-body';
  /** The YAML value the SQL was written in; findings are positioned inside it. */
  readonly path: ValuePath;
  /**
   * Maps an offset in {@link sql} to an offset in the unresolved value at {@link path}, so positions
   * land on the text the user wrote. Without it, findings point at the value as a whole.
   */
  mapOffset?(sqlOffset: number): number;
  /** Arguments visible as variables in the body, with their GoogleSQL types. */
  readonly arguments?: readonly { readonly name: string; readonly type: string; readonly mode?: 'IN' | 'OUT' | 'INOUT' }[];
  /** The routine the body defines, so other bodies can CALL it (names as created in the environment). */
  readonly routine?: { readonly project: string; readonly dataset: string; readonly name: string };
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
  /**
   * Entities of other module types this entity declares implicitly. They get this entity's file (their
   * diagnostics point at {@link DerivedEntity.at}); derived entities derive nothing further.
   */
  derive?(entity: Entity<z.output<S>>): DerivedEntity[];
  /** References written as plain fields (`dataset: sales`), checked to exist and added to the graph. */
  fieldReferences?(config: z.output<S>): FieldReference[];
  /** Attributes other files can reference as `${namespace["name"].attribute}`, per environment. */
  attributes?(entity: Entity<z.output<S>>, env: Environment, project: ProjectView): Record<string, string>;
  /**
   * Attributes gdp computes without the entity's resource (a name, a URL built from it): a reference to
   * one of them is not a dependency edge, so it neither orders creation nor makes a cycle.
   */
  readonly literalAttributes?: readonly string[];
  /** Names of cloud resources this entity creates in an environment, checked against GCP limits. */
  generatedNames?(entity: Entity<z.output<S>>, env: Environment, project: ProjectView): GeneratedName[];
  /** Checks that need resolved references or the environment. */
  checkEnv?(entity: Entity<z.output<S>>, ctx: EnvCheckContext): void;
  /** SQL this entity runs, resolved for an environment, for the SQL analyzer. */
  sqlBodies?(entity: Entity<z.output<S>>, env: Environment, resolved: unknown, project: ProjectView): SqlBody[];
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
