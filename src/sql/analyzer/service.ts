/**
 * The SQL analysis service: a running ZetaSQL server with BigQuery-like language options, and the few
 * RPCs the checker needs (parse a script, analyze one statement or expression, register catalogs).
 */
import { RpcError, SqlServerUnavailable, ZetaSqlServer, type ZetaSqlServerOptions } from './server';
import { SYSTEM_VARIABLES } from './system-variables';
import { unwrap, field } from './ast';
import { cleanType, type SqlType } from './types';

/**
 * Features BigQuery has that this ZetaSQL build marks "in development", so "maximum features" leaves
 * them out (e.g. `d + INTERVAL 1 DAY` would be rejected).
 */
const BIGQUERY_FEATURES_IN_DEVELOPMENT = [
  'FEATURE_INTERVAL_TYPE',
  'FEATURE_CREATE_TABLE_CLONE',
  'FEATURE_CLONE_DATA',
  'FEATURE_ALTER_COLUMN_SET_DATA_TYPE',
  'FEATURE_CREATE_EXTERNAL_TABLE_WITH_PARTITION_COLUMNS',
  'FEATURE_CREATE_TABLE_WITH_CONNECTION',
  'FEATURE_INVERSE_TRIG_FUNCTIONS',
  'FEATURE_V_1_3_COLLATION_SUPPORT',
  'FEATURE_V_1_4_GROUPING_BUILTIN',
  'FEATURE_V_1_4_GROUPING_SETS',
  'FEATURE_V_1_4_LIKE_ANY_SOME_ALL_ARRAY',
  'FEATURE_V_1_4_LIKE_ANY_SOME_ALL_SUBQUERY',
  'FEATURE_V_1_4_REMOTE_MODEL',
];

/** A problem ZetaSQL found: its message and, when given, its 1-based position in the text analyzed. */
export interface SqlProblem {
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** The result of an RPC on SQL: the response, or the problem ZetaSQL reported. */
export type SqlOutcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: SqlProblem };

/** The id of a catalog registered in the server (a protobuf int64). */
export type CatalogId = unknown;

/** A JSON-like node of ZetaSQL's parse tree or resolved tree. */
export type TreeNode = Record<string, unknown>;

/** A resolved tree, decoded when first asked for (most statements only need to be valid). */
export type Resolved = () => TreeNode;

/** Splits ZetaSQL's `message [at L:C]`. */
export function parseProblem(details: string): SqlProblem {
  const m = /^([\s\S]*?)\s*\[at (\d+):(\d+)\]\s*$/.exec(details);
  return m ? { message: m[1], line: Number(m[2]), column: Number(m[3]) } : { message: details.trim() };
}

/** A started ZetaSQL server with the language options of BigQuery (as near as ZetaSQL gets). */
export class SqlService {
  /** RPCs made, for timing reports. */
  calls = 0;
  private readonly types = new Map<string, Promise<SqlOutcome<SqlType>>>();
  private builtins?: Promise<CatalogId>;
  /** Encoded base catalogs (see {@link registerCatalog}), by the object they were encoded from. */
  private readonly encodedBases = new WeakMap<object, Buffer>();

  /** The parts every request of a kind shares, encoded once (see {@link ZetaSqlServer.encode}). */
  private readonly encoded: { readonly analyze: Buffer; readonly parse: Buffer; readonly builtins: Buffer };

  private constructor(
    private readonly server: ZetaSqlServer,
    /** Language options of every request. */
    readonly languageOptions: object,
  ) {
    this.encoded = {
      analyze: server.encode('Analyze', {
        options: { languageOptions, errorMessageMode: 'ERROR_MESSAGE_ONE_LINE', systemVariables: SYSTEM_VARIABLES },
      }),
      parse: server.encode('Parse', { options: languageOptions, allowScript: true }),
      builtins: server.encode('RegisterCatalog', { simpleCatalog: { builtinFunctionOptions: { languageOptions } } }),
    };
  }

  /** Starts the server; throws `SqlServerUnavailable` (with the reason) when it cannot. */
  static async start(options: ZetaSqlServerOptions = {}): Promise<SqlService> {
    const server = await ZetaSqlServer.start(options);
    try {
      const max = await server.call<{ enabledLanguageFeatures: unknown[] }>('getLanguageOptions', { maximumFeatures: true });
      // "Maximum features" alone is internal product mode and queries only: ask for every statement kind
      // and BigQuery's external mode (no INT32, UINT64, …).
      const languageOptions = {
        enabledLanguageFeatures: [...max.enabledLanguageFeatures, ...BIGQUERY_FEATURES_IN_DEVELOPMENT],
        productMode: 'PRODUCT_EXTERNAL',
        nameResolutionMode: 'NAME_RESOLUTION_DEFAULT',
        supportedStatementKinds: [],
      };
      return new SqlService(server, languageOptions);
    } catch (e) {
      await server.close();
      throw e instanceof RpcError ? new SqlServerUnavailable(`the ZetaSQL server failed at start: ${e.details}`) : e;
    }
  }

  /** Why the server stopped, or undefined while it runs. */
  get stopped(): string | undefined {
    return this.server.stopped;
  }

  /** Stops the server. */
  close(): Promise<void> {
    return this.server.close();
  }

  /** Parses a BigQuery script (a procedure body) into its statement tree. */
  async parseScript(sql: string): Promise<SqlOutcome<TreeNode>> {
    const r = await this.sqlCall('Parse', Buffer.concat([this.encoded.parse, this.server.encode('Parse', { sqlStatement: sql })]));
    return r.ok ? { ok: true, value: this.server.decode<{ parsedScript: TreeNode }>('Parse', r.value).parsedScript } : r;
  }

  /** Analyzes the statement starting at a byte offset of a script; positions are the script's. */
  analyzeStatementAt(script: string, bytePosition: number, catalog: CatalogId): Promise<SqlOutcome<Resolved>> {
    return this.analyze({ parseResumeLocation: { input: script, bytePosition, allowResume: true } }, catalog, 'resolvedStatement');
  }

  /**
   * Analyzes one statement; with `targetTypes`, a query's columns must be assignable to them (the
   * coercion of INSERT … SELECT), which is how assignments to variables are checked.
   */
  analyzeStatement(sql: string, catalog: CatalogId, targetTypes?: readonly SqlType[]): Promise<SqlOutcome<Resolved>> {
    return this.analyze({ sqlStatement: sql }, catalog, 'resolvedStatement', targetTypes);
  }

  /** Analyzes one expression. */
  analyzeExpression(sql: string, catalog: CatalogId): Promise<SqlOutcome<Resolved>> {
    return this.analyze({ sqlExpression: sql }, catalog, 'resolvedExpression');
  }

  /** The ZetaSQL type of a GoogleSQL type name (`ARRAY<STRUCT<a INT64>>`), or why it is not a type. */
  resolveType(text: string): Promise<SqlOutcome<SqlType>> {
    let found = this.types.get(text);
    if (!found) {
      found = this.castNull(text);
      this.types.set(text, found);
    }
    return found;
  }

  private async castNull(text: string): Promise<SqlOutcome<SqlType>> {
    this.builtins ??= this.registerCatalog({ name: '' });
    const r = await this.analyzeExpression(`CAST(NULL AS ${text})`, await this.builtins);
    if (!r.ok) return { ok: false, problem: { message: r.problem.message } };
    const type = cleanType(field(unwrap(r.value())?.node ?? {}, 'type'));
    return type ? { ok: true, value: type } : { ok: false, problem: { message: `"${text}" is not a type` } };
  }

  /**
   * Registers a catalog (tables, procedures, constants) and returns its id. With `base`, the catalog is
   * `base` plus `catalog`'s entries (which must not name the same objects): the base is encoded once
   * however many scripts register it with their own variables and temp tables.
   */
  async registerCatalog(catalog: object, base?: { toProto(): object }): Promise<CatalogId> {
    this.calls++;
    const parts = [this.encoded.builtins];
    if (base) {
      let bytes = this.encodedBases.get(base);
      if (!bytes) {
        bytes = this.server.encode('RegisterCatalog', { simpleCatalog: base.toProto() });
        this.encodedBases.set(base, bytes);
      }
      parts.push(bytes);
    }
    parts.push(this.server.encode('RegisterCatalog', { simpleCatalog: catalog }));
    const r = this.server.decode<{ registeredId: CatalogId }>('RegisterCatalog', await this.server.callEncoded('RegisterCatalog', Buffer.concat(parts)));
    return r.registeredId;
  }

  /** Frees a registered catalog. */
  async unregisterCatalog(id: CatalogId): Promise<void> {
    this.calls++;
    await this.server.callEncoded('UnregisterCatalog', this.server.encode('UnregisterCatalog', { registeredId: id }));
  }

  private async analyze(target: object, catalog: CatalogId, pick: 'resolvedStatement' | 'resolvedExpression', targetTypes?: readonly SqlType[]): Promise<SqlOutcome<Resolved>> {
    const own = { ...target, registeredCatalogId: catalog, ...(targetTypes ? { options: { targetColumnTypes: targetTypes } } : {}) };
    const r = await this.sqlCall('Analyze', Buffer.concat([this.encoded.analyze, this.server.encode('Analyze', own)]));
    if (!r.ok) return r;
    let tree: TreeNode | undefined;
    return { ok: true, value: () => (tree ??= this.server.decode<Record<string, TreeNode>>('Analyze', r.value)[pick]) };
  }

  /** An RPC whose INVALID_ARGUMENT answer is a problem in the SQL; anything else is thrown. */
  private async sqlCall(method: string, request: Buffer): Promise<SqlOutcome<Buffer>> {
    this.calls++;
    try {
      return { ok: true, value: await this.server.callEncoded(method, request) };
    } catch (e) {
      if (e instanceof RpcError && e.code === 3) return { ok: false, problem: parseProblem(e.details) };
      throw e;
    }
  }
}
