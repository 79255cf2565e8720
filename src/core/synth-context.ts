/**
 * What a module's `synth(entity, ctx)` receives: one entity, one environment, one stack. Filled in by the
 * synthesis layer (src/synth/stack-builder.ts); modules never import cdktf, only these handles and the
 * factories of the adapter (src/synth/cdk).
 *
 * Rules for module authors:
 * - Create resources with `ctx.resources.<type>(ctx.id(...), args)`. Ids come from logical names, never from
 *   array positions, so reordering or renaming unrelated files never changes a Terraform address.
 * - Use literal names (gdp knows them: see naming.ts and `attributesOf`) rather than references to other
 *   resources. Every resource an entity creates automatically `depends_on` the resources of the entities it
 *   depends on in the project's graph; add `dependsOn` for anything else (service accounts, needs).
 * - Escape every piece of literal text that Terraform would read as a template with `ctx.escape` (once).
 */
import type { Environment, SERVICE_ACCOUNT_PURPOSES } from './environment';
import type { Entity, ProjectView } from './module-type';
import type { ResourceFactories, ResourceOptions, ResourceRef, StackScope } from '../synth/cdk';

/** cdktf's meta-arguments, which the adapter sets itself (`dependsOn`, `lifecycle` come from ResourceOptions). */
type ProviderMetaArgument = 'connection' | 'count' | 'dependsOn' | 'forEach' | 'lifecycle' | 'provider' | 'provisioners';

/** A purpose gdp runs an identity for (one service account each per environment). */
export type ServiceAccountPurpose = (typeof SERVICE_ACCOUNT_PURPOSES)[number];

/** The service account of a purpose in this environment. */
export interface ServiceAccountInfo {
  readonly purpose: ServiceAccountPurpose;
  /** Email (the environment's existing account, or the one gdp creates: `<app>-sa-<purpose>-<env>@…`). */
  readonly email: string;
  /** IAM member form: `serviceAccount:<email>`. */
  readonly member: string;
  /** False when the environment names an existing account in `service_accounts`. */
  readonly created: boolean;
  /** What a resource running as this account must depend on: the account and its baseline grants. */
  readonly dependsOn: readonly ResourceRef[];
}

/** BigQuery dataset roles gdp grants (full role names; dataset IAM does not accept legacy names). */
export type DatasetRole = 'roles/bigquery.dataViewer' | 'roles/bigquery.dataEditor' | 'roles/bigquery.dataOwner';

/** Cloud Storage bucket roles gdp grants: read objects, or read and write them. */
export type BucketRole = 'roles/storage.objectViewer' | 'roles/storage.objectAdmin';

/**
 * Something an entity needs at stack level. The synthesis layer emits each need once per environment,
 * de-duplicated and sorted, after all entities (a `dataEditor` grant also covers a `dataViewer` need, an
 * `objectAdmin` grant an `objectViewer` one).
 */
export type StackNeed =
  /** The purpose's account gets `role` on a dataset (by logical name). */
  | { readonly kind: 'dataset-role'; readonly purpose: ServiceAccountPurpose; readonly dataset: string; readonly role: DatasetRole }
  /**
   * The purpose's account gets `role` on a Cloud Storage bucket (its resolved name); `dependsOn`: the
   * bucket's resource when gdp creates it, so the grant waits for it.
   */
  | { readonly kind: 'bucket-role'; readonly purpose: ServiceAccountPurpose; readonly bucket: string; readonly role: BucketRole; readonly dependsOn?: readonly ResourceRef[] }
  /** The purpose's account gets `role` on the environment's project. */
  | { readonly kind: 'project-role'; readonly purpose: ServiceAccountPurpose; readonly role: `roles/${string}` }
  /** The project's Cloud Storage service agent may publish to Pub/Sub (Cloud Storage → Eventarc). */
  | { readonly kind: 'storage-service-agent-publisher' };

/** Context for creating one entity's resources in one environment's stack; `C` is the module's configuration. */
export interface SynthContext<C = unknown> {
  readonly env: Environment;
  /** The entity's configuration with every `${...}` resolved for this environment. */
  readonly resolved: C;
  /** The entity being synthesized. */
  readonly entity: Entity<C>;
  /** The environment's stack (opaque; the factories below are already bound to it). */
  readonly scope: StackScope;
  /**
   * One factory per Terraform type gdp creates, bound to this stack and entity:
   * `ctx.resources.bigqueryTable(ctx.id(), { datasetId, tableId, … })`. The first resource an entity
   * creates is its primary resource (see {@link SynthContext.resourceOf}), unless one is created with
   * `primary: true` (e.g. a service created after the account it runs as).
   */
  readonly resources: ResourceFactories;
  /**
   * Creates a resource or data source of any provider class by its deep import path, which the module
   * lists in `providerClasses` (`ctx.resource<PubsubTopicConfig>('@cdktf/provider-google/lib/pubsub-topic',
   * ctx.id(), { name })`; import the config type with `import type`).
   */
  resource<Config extends object>(path: string, id: string, args: Omit<Config, ProviderMetaArgument> & ResourceOptions): ResourceRef;
  /** Read-only view of every entity of the project. */
  readonly project: ProjectView;
  /**
   * A construct id (= Terraform local name) from this entity's logical name: `<kind>_<name>`, then each
   * part joined with `_` (`ctx.id()` → `table_orders_v1`, `ctx.id('view')` → `table_orders_v1_view`).
   */
  id(...parts: string[]): string;
  /**
   * Labels for a resource: the environment's labels, then `extra` (the file's labels and module labels
   * such as `confidentiality`), then gdp's own `app`, `env` and `managed-by=gdp`, which always win.
   */
  labels(extra?: Readonly<Record<string, string>>): Record<string, string>;
  /** The service account of a purpose; the first request makes gdp emit the account and its baseline grants. */
  serviceAccount(purpose: ServiceAccountPurpose): ServiceAccountInfo;
  /** Registers a stack-level need; returns the resource that fulfils it (usable in `dependsOn`). */
  need(need: StackNeed): ResourceRef;
  /**
   * The primary resource of another entity (already synthesized, because synthesis follows the dependency
   * graph); undefined when that entity creates no resource. Throws (a gdp bug) when the entity exists but
   * comes later in the order, i.e. the reference is missing from the graph.
   */
  resourceOf(namespace: string, name: string): ResourceRef | undefined;
  /** Every resource another entity created, in creation order. Same rules as {@link SynthContext.resourceOf}. */
  resourcesOf(namespace: string, name: string): readonly ResourceRef[];
  /** Attributes of another entity in this environment (what `${namespace["name"].attribute}` gives). */
  attributesOf(namespace: string, name: string): Readonly<Record<string, string>> | undefined;
  /** A Terraform expression for an exported attribute of a created resource (only when no literal is known). */
  attribute(ref: ResourceRef, attribute: string): string;
  /** Escapes literal text for Terraform templates (`${` → `$${`, `%{` → `%%{`); apply once, to literals only. */
  escape(text: string): string;
}
