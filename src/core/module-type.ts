/**
 * The contract every module type (dataset, table, workflow, …, and any plugin's) fulfils. The core never
 * switches on a kind: it asks the registered module types. A module's hooks are grouped by the phase that
 * calls them, and each phase's context is typed with the module's own configuration and codes:
 *
 * - {@link CompileHooks}: once per file, before any environment (names, plain-field references, derived
 *   entities, checks that need no environment);
 * - {@link EnvironmentHooks}: once per entity and environment, with `${...}` resolved (attributes other files
 *   reference, generated cloud names, checks, SQL for the analyzer);
 * - {@link ModuleType.synth}: once per entity and environment stack.
 */
import type { z } from 'zod';
import type { CodeInfo } from './code-table';
import type { CoreCode } from './codes';
import type { Environment } from './environment';
import type { NameRule } from './naming';
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
  /**
   * The validated configuration (zod output). A number or boolean field may still hold the reference
   * written there (`${expiry}`, an environment variable holding a number or boolean, compile/typed-references.ts):
   * read such values from the environment phase's `resolved`, where they have their type.
   */
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

/** Options of one reported diagnostic. */
export interface ReportOptions {
  readonly hint?: string;
  /** Point at the key of the value rather than the value. */
  readonly key?: boolean;
  readonly severity?: 'error' | 'warning' | 'info';
  /** Offset inside the value's text (for positions inside long strings such as SQL). */
  readonly offset?: number;
}

/**
 * Reports a diagnostic located at a value path of the entity's file. A module may report its own codes
 * (`K`) and the core's; another module's codes are a type error.
 */
export type Reporter<K extends string = string> = (code: K | CoreCode, path: ValuePath, message: string, options?: ReportOptions) => void;

/** A read-only view of the loaded project. */
export interface ProjectView {
  /** An entity by namespace and logical name. */
  lookup<T = unknown>(namespace: string, name: string): Entity<T> | undefined;
  /** All entities of a namespace, sorted by name. */
  all<T = unknown>(namespace: string): readonly Entity<T>[];
}

/** What compile-phase checks see: the whole project, and a reporter for this entity's file. */
export interface CheckContext<K extends string = string> extends ProjectView {
  readonly report: Reporter<K>;
  /**
   * A reporter for another owner's codes, for a rule this module shares with it (e.g. a load's source
   * columns checked by the table module's column rules): pass that owner's code table. Its codes keep the
   * owner's severity and hint.
   */
  reporterOf<K2 extends string>(codes: Readonly<Record<K2, CodeInfo>>): Reporter<K2>;
}

/** What environment-phase hooks see: the environment and the project. */
export interface EnvironmentContext extends ProjectView {
  readonly env: Environment;
}

/** What environment-phase checks see: the entity's configuration resolved for one environment. */
export interface EnvCheckContext<C = unknown, K extends string = string> extends CheckContext<K>, EnvironmentContext {
  /** The entity's configuration with every `${...}` resolved for this environment. */
  readonly resolved: C;
  /** Attributes of another entity in this environment. */
  attributesOf(namespace: string, name: string): Readonly<Record<string, string>> | undefined;
}

/** What the SQL hook sees: the entity's configuration resolved for one environment. */
export interface SqlContext<C = unknown> extends EnvironmentContext {
  readonly resolved: C;
  /**
   * Keeps a costly value across runs (the incremental cache), when the run has a cache: `compute` must be
   * a pure function of `key` (gdp's code is part of every key), its result plain JSON data; `accept` checks
   * a stored value's shape; `namespace` is lower-case letters, digits and dashes. Without it, compute.
   * Given to built-in module types only: a plugin's code beyond its entry file is not part of the keys.
   */
  readonly memo?: SqlMemo;
}

/** See {@link SqlContext.memo}. */
export type SqlMemo = <T>(namespace: string, key: string, compute: () => T, accept: (stored: unknown) => stored is T) => T;

/** A generated cloud name to check against GCP's limits in every environment. */
export interface GeneratedName {
  /** The naming rule (`NAME_RULES.workflow`, or a module's own {@link NameRule}). */
  readonly rule: NameRule;
  readonly value: string;
  /** Where the logical part of the name is written. */
  readonly path: ValuePath;
  /**
   * What must be unique across the project (defaults to the name itself); e.g. `dataset.table` for
   * tables, whose ids only need to be unique within their dataset.
   */
  readonly uniqueKey?: string;
}

/** Hooks called once per file, before any environment. */
export interface CompileHooks<C, K extends string> {
  /** Logical name of a file's entity (from the file's base name or a field). */
  logicalName(config: C, baseName: string): string;
  /** Value path of the field that gives the logical name (for duplicate-name positions). */
  readonly namePath?: ValuePath;
  /** References written as plain fields (`dataset: sales`), checked to exist and added to the graph. */
  fieldReferences?(config: C): FieldReference[];
  /**
   * Entities of other module types this entity declares implicitly. They get this entity's file (their
   * diagnostics point at {@link DerivedEntity.at}); derived entities derive nothing further.
   */
  derive?(entity: Entity<C>): DerivedEntity[];
  /** Single-file rules beyond the schema, and rules that need other entities. */
  check?(entity: Entity<C>, ctx: CheckContext<K>): void;
}

/** Hooks called once per entity and environment. */
export interface EnvironmentHooks<C, K extends string> {
  /** Reference names only valid inside this module's files (e.g. `date` in scheduler bodies), per value path. */
  localSymbols?(entity: Entity<C>, path: ValuePath): Record<string, string> | undefined;
  /** Attributes other files can reference as `${namespace["name"].attribute}`; computed once per environment. */
  attributes?(entity: Entity<C>, ctx: EnvironmentContext): Record<string, string>;
  /**
   * Attributes gdp computes without the entity's resource (a name, a URL built from it): a reference to
   * one of them is not a dependency edge, so it neither orders creation nor makes a cycle.
   */
  readonly literalAttributes?: readonly string[];
  /** Names of cloud resources this entity creates in an environment, checked against GCP limits. */
  generatedNames?(entity: Entity<C>, ctx: EnvironmentContext): GeneratedName[];
  /** Checks that need resolved references or the environment (skipped when resolution failed). */
  check?(entity: Entity<C>, ctx: EnvCheckContext<C, K>): void;
  /** SQL this entity runs, resolved for an environment, for the SQL analyzer. */
  sqlBodies?(entity: Entity<C>, ctx: SqlContext<C>): SqlBody[];
}

/**
 * A module type: one folder in `configuration/`, one schema, its codes, its checks and its resources.
 * Write one with {@link defineModule}, which infers `C` from the schema and `K` from the codes.
 */
export interface ModuleType<C = unknown, K extends string = string> {
  /** Kind name, singular, lowercase (`table`). */
  readonly kind: string;
  /** Human title (`BigQuery table`). */
  readonly title: string;
  /** Folder under `configuration/`, POSIX separators (`sql-scripts/sprocs`). */
  readonly folder: string;
  /** The only definition of the file's shape. */
  readonly schema: z.ZodType<C>;
  /** Namespace used in references (`tables` for `${tables["x"].reference}`). */
  readonly namespace: string;
  /** Singular noun used in messages (`table`). */
  readonly noun: string;
  /**
   * The attribute a reference without one gives: with `name`, `${buckets.landing}` means
   * `${buckets["landing"].name}`. Without it, a reference must name an attribute.
   */
  readonly defaultAttribute?: string;
  /**
   * The diagnostic codes this module reports, with severity, title and default hint. The registry refuses
   * a code another owner declares. Built-in modules use `GDPnnn`; a plugin uses its registry prefix
   * (`WIDGET001` for kind `widget`).
   */
  readonly codes: Readonly<Record<K, CodeInfo>>;
  /**
   * Provider classes the module creates through `ctx.resource(path, …)`, as deep import paths
   * (`@cdktf/provider-google/lib/pubsub-topic`). The adapter refuses any other path, and the offline
   * schema check covers each.
   */
  readonly providerClasses?: readonly string[];
  readonly compile: CompileHooks<C, K>;
  readonly environment?: EnvironmentHooks<C, K>;
  /** Creates this entity's resources in an environment's stack. */
  synth?(entity: Entity<C>, ctx: SynthContext<C>): void;
  /**
   * The logical name of the declared dataset this entity belongs to: `gdp synth --split-by dataset` puts
   * its resources in that dataset's stack. Undefined (or no hook): the environment's shared stack.
   */
  owningDataset?(entity: Entity<C>, project: ProjectView): string | undefined;
  /**
   * Example YAML for the README, `gdp init` and `gdp schema`. The first line names its file
   * (`# configuration/<folder>/<name>.yaml`). `gdp init` writes every module type's example into one new
   * repository, so an example may reference only what the other examples declare (dataset `sales`, table
   * `orders_v2`, workflow `load_orders`, …); src/scaffold/init-project.test.ts checks they validate together.
   */
  readonly example: string;
}

/** Any module type, as the registry holds it. */
export type AnyModuleType = ModuleType<unknown, string>;

/** Defines a module type with its configuration type inferred from the schema and its codes from `codes`. */
export function defineModule<S extends z.ZodType, const K extends string>(module: ModuleType<z.output<S>, K> & { readonly schema: S }): ModuleType<z.output<S>, K> {
  return module;
}
