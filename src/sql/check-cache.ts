/**
 * The SQL check's part of the incremental cache: the findings of a body, and the ZetaSQL types of type
 * names, kept across runs. A body's findings depend only on what the checker is given and what it can see,
 * so that is the key (besides gdp's code and the module set, which every key of the cache carries):
 * - the exact SQL text and the declared arguments (name, type, mode);
 * - the environment the body is checked in (its whole definition: the checker compares project ids);
 * - the catalog the checker registers for that text (`EnvCatalog.treeFor`: every table and procedure of the
 *   datasets the text names, with their columns), so editing a table only re-checks bodies whose SQL names
 *   its dataset;
 * - the managed datasets (id and logical name: they decide whether an unknown table is gdp's), and the table
 *   list of those the text names (it is the hint of an unknown table); every list when the text holds a
 *   backslash, as a quoted name could then spell a dataset id with escapes.
 * Findings of a body ZetaSQL failed on are not stored (the failure may not repeat).
 */
import { hashOf, type DiskCache } from '../core/cache';
import type { SqlBody } from '../core/module-type';
import type { EnvCatalog } from './analyzer/catalog';
import type { Finding } from './analyzer/checker';
import type { SqlOutcome } from './analyzer/service';
import type { SqlType } from './analyzer/types';

const FINDINGS = 'sql-findings';
const TYPES = 'sql-types';

/** Cached SQL check results; handed to `checkProjectSql` as its `cache`. */
export class SqlCheckCache {
  constructor(private readonly disk: DiskCache) {}

  /** The findings stored for a body checked in a catalog, or undefined. */
  findings(catalog: EnvCatalog, body: SqlBody): Finding[] | undefined {
    const value = this.disk.get(FINDINGS, findingsKey(catalog, body));
    return Array.isArray(value) && value.every(isFinding) ? value : undefined;
  }

  /** Stores the findings of a body checked in a catalog. */
  storeFindings(catalog: EnvCatalog, body: SqlBody, findings: readonly Finding[]): void {
    this.disk.set(FINDINGS, findingsKey(catalog, body), findings);
  }

  /** The type of a type name: stored, or resolved with `resolve` (and stored). */
  async resolveType(text: string, resolve: (text: string) => Promise<SqlOutcome<SqlType>>): Promise<SqlOutcome<SqlType>> {
    const stored = this.disk.get(TYPES, text);
    if (isOutcome(stored)) return stored;
    const outcome = await resolve(text);
    this.disk.set(TYPES, text, outcome);
    return outcome;
  }
}

/** The hash of a catalog tree's content; trees are shared by the bodies that name the same datasets. */
const treeHashes = new WeakMap<object, string>();
/** The managed datasets of a catalog, sorted by id. */
const sortedManaged = new WeakMap<EnvCatalog, [string, { readonly logical: string; readonly tables: readonly string[] }][]>();

function findingsKey(catalog: EnvCatalog, body: SqlBody): string {
  const lower = body.sql.toLowerCase();
  const everyList = lower.includes('\\');
  let datasets = sortedManaged.get(catalog);
  if (!datasets) {
    datasets = [...catalog.managedDatasets].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    sortedManaged.set(catalog, datasets);
  }
  const managed = datasets.map(([id, d]) => [id, d.logical, everyList || lower.includes(id) ? d.tables : null]);
  const tree = catalog.treeFor(body.sql);
  let treeHash = treeHashes.get(tree);
  if (treeHash === undefined) {
    treeHash = hashOf([JSON.stringify(tree.toProto())]);
    treeHashes.set(tree, treeHash);
  }
  return JSON.stringify([body.sql, body.arguments ?? [], catalog.env, treeHash, managed]);
}

function isFinding(v: unknown): v is Finding {
  return typeof v === 'object' && v !== null && typeof (v as Finding).code === 'string' && typeof (v as Finding).message === 'string';
}

function isOutcome(v: unknown): v is SqlOutcome<SqlType> {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { ok?: unknown; value?: unknown; problem?: unknown };
  return (o.ok === true && typeof o.value === 'object' && o.value !== null) || (o.ok === false && typeof o.problem === 'object' && o.problem !== null);
}
