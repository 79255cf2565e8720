/**
 * The compact provider schema gdp checks its output against: for each Terraform type gdp uses, the
 * attribute names, which attributes and blocks are required, documented enum values and nested blocks.
 * Derived from the provider bindings' `.jsii` assembly (derive-schema.ts) and committed as
 * src/synth/provider-schema.json, keyed by the bindings' package version.
 */

/** Attributes and nested blocks of a resource, a data source or a block. */
export interface BlockSchema {
  /** Attribute names (snake_case), sorted. */
  readonly attributes: readonly string[];
  /** Required attributes and blocks, sorted. */
  readonly required?: readonly string[];
  /** Documented values ("Possible values: [...]") per attribute. */
  readonly enums?: Readonly<Record<string, readonly string[]>>;
  /** Nested blocks by name. */
  readonly blocks?: Readonly<Record<string, NestedBlockSchema>>;
}

/** A nested block: `single` is synthesized as an object (MaxItems 1), `list` as an array of objects. */
export interface NestedBlockSchema extends BlockSchema {
  readonly nesting: 'single' | 'list';
}

/** The schema of one version of the provider bindings. */
export interface ProviderSchema {
  /** Terraform provider the bindings were generated for (`hashicorp/google 6.50.0`). */
  readonly terraformProvider: string;
  readonly resources: Readonly<Record<string, BlockSchema>>;
  readonly dataSources: Readonly<Record<string, BlockSchema>>;
}

/** The committed file: bindings package version → schema. */
export type ProviderSchemaFile = Readonly<Record<string, ProviderSchema>>;
