/**
 * The SQL check's part of the incremental cache: the findings of a body, how a slot's environments group,
 * the whole result of a slot, values modules compute for their bodies, and the ZetaSQL types of type
 * names, kept across runs. Every key holds everything its value depends on (besides gdp's code and the
 * module set, which every key of the cache carries).
 *
 * A body's findings depend only on what the checker is given and what it can see, so that is the key:
 * - the SQL text (its hash) and the declared arguments (name, type, mode);
 * - the environment the body is checked in (its whole definition: the checker compares project ids);
 * - the catalog the checker registers for that text (`EnvCatalog.contentKeyFor`: the hash of what
 *   `treeFor` builds it from, every table and procedure of the datasets the text names, with their name
 *   paths and columns), so editing a table only re-checks bodies whose SQL names its dataset;
 * - the managed datasets (id and logical name: they decide whether an unknown table is gdp's), and the table
 *   list of those whose id occurs in the text (it is the hint of an unknown table); every list when the text
 *   holds a backslash, as a quoted name could then spell a dataset id with escapes.
 *
 * A slot (one value of one entity, in every environment it has a body in) groups its environments by
 * normalized SQL and catalog slice (`analyze-project.ts`). That depends only on each body's SQL, the
 * environment's generated names (its project and managed datasets) and the objects of the datasets and the
 * procedures the SQL names, all of which are in the bodies' findings keys: the grouping key is the slot and
 * those keys. The whole result of a slot (grouping and each group's findings) is keyed by each body's SQL
 * and arguments and its environment catalog's whole content (`EnvCatalog.wholeKey`), which holds every
 * input of the finer keys, so it can be looked up before they are computed.
 *
 * Findings of a body ZetaSQL failed on are not stored (the failure may not repeat), nor the whole result of
 * a slot that has them.
 */
import { hashOf, type DiskCache } from '../core/cache';
import type { SqlBody } from '../core/module-type';
import { idsIn, indexIds, type IdIndex } from './ids-in';
import type { EnvCatalog } from './analyzer/catalog';
import type { Finding } from './analyzer/checker';
import type { SqlOutcome } from './analyzer/service';
import type { SqlType } from './analyzer/types';

const FINDINGS = 'sql-findings';
const MEMO_NAMESPACE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const TYPES = 'sql-types';
const GROUPINGS = 'sql-groupings';
const SLOTS = 'sql-slots';

/** How the bodies of a slot grouped, and the findings of each group (in the order of `partition`). */
export interface SlotResult {
  readonly partition: readonly (readonly number[])[];
  readonly findings: readonly (readonly Finding[])[];
}

/** One body of a slot (the bodies of an entity's value across environments) in its environment. */
export interface SlotMember {
  readonly env: string;
  readonly catalog: EnvCatalog;
  readonly body: SqlBody;
}

/** Cached SQL check results; handed to `checkProjectSql` as its `cache`. */
export class SqlCheckCache {
  /** Types resolved in this run (every environment declares the same procedures). */
  private readonly types = new Map<string, Promise<SqlOutcome<SqlType>>>();

  constructor(private readonly disk: DiskCache) {}

  /**
   * The stored result of a whole slot, when nothing it depends on changed: each body's SQL and arguments,
   * and everything its environment's catalog holds (`EnvCatalog.wholeKey`, so any change of a table or
   * procedure anywhere misses, and the finer keys below are used instead). Skips grouping and every
   * other key.
   */
  slotResult(slot: string, members: readonly SlotMember[]): SlotResult | undefined {
    const value = this.disk.get(SLOTS, slotKey(slot, members));
    if (typeof value !== 'object' || value === null) return undefined;
    const { partition, findings } = value as Partial<SlotResult>;
    if (!isPartition(partition, members.length) || !Array.isArray(findings) || findings.length !== partition.length) return undefined;
    return findings.every((f) => Array.isArray(f) && f.every(isFinding)) ? { partition, findings } : undefined;
  }

  /** Stores the result of a whole slot (every group's findings known). */
  storeSlotResult(slot: string, members: readonly SlotMember[], result: SlotResult): void {
    this.disk.set(SLOTS, slotKey(slot, members), result);
  }

  /**
   * How the bodies of a slot group into environments checked once (lists of indexes into `members`), as
   * stored; undefined when not stored. The grouping compares each environment's SQL with generated names
   * replaced and the catalog objects it names: all of that is fixed by the members' findings keys.
   */
  grouping(slot: string, members: readonly SlotMember[]): number[][] | undefined {
    const value = this.disk.get(GROUPINGS, groupingKey(slot, members));
    return isPartition(value, members.length) ? value : undefined;
  }

  /** Stores how the bodies of a slot group. */
  storeGrouping(slot: string, members: readonly SlotMember[], partition: readonly (readonly number[])[]): void {
    this.disk.set(GROUPINGS, groupingKey(slot, members), partition);
  }

  /** The findings stored for a body checked in a catalog, or undefined. */
  findings(catalog: EnvCatalog, body: SqlBody): Finding[] | undefined {
    const value = this.disk.get(FINDINGS, findingsKey(catalog, body));
    return Array.isArray(value) && value.every(isFinding) ? value : undefined;
  }

  /** Stores the findings of a body checked in a catalog. */
  storeFindings(catalog: EnvCatalog, body: SqlBody, findings: readonly Finding[]): void {
    this.disk.set(FINDINGS, findingsKey(catalog, body), findings);
  }

  /**
   * A value modules compute for their SQL bodies (a load's rendered procedure), stored under a key that
   * holds everything it depends on (`SqlContext.memo`).
   */
  memo<T>(namespace: string, key: string, compute: () => T, accept: (stored: unknown) => stored is T): T {
    // The namespace is a folder of the cache named as gdp names its entries (eviction finds only those).
    if (!MEMO_NAMESPACE.test(namespace)) throw new Error(`internal: memo namespace "${namespace}" is not lower-case letters, digits and dashes`);
    const ns = `memo-${namespace}`;
    const stored = this.disk.get(ns, key);
    if (stored !== undefined && accept(stored)) return stored;
    const value = compute();
    this.disk.set(ns, key, value);
    return value;
  }

  /** The type of a type name: stored, or resolved with `resolve` (and stored). */
  resolveType(text: string, resolve: (text: string) => Promise<SqlOutcome<SqlType>>): Promise<SqlOutcome<SqlType>> {
    // The promise is remembered at once: bodies checked at the same time that ask for the same type share it.
    let known = this.types.get(text);
    if (!known) {
      known = this.typeOf(text, resolve);
      this.types.set(text, known);
    }
    return known;
  }

  private async typeOf(text: string, resolve: (text: string) => Promise<SqlOutcome<SqlType>>): Promise<SqlOutcome<SqlType>> {
    const stored = this.disk.get(TYPES, text);
    if (isOutcome(stored)) return stored;
    const outcome = await resolve(text);
    this.disk.set(TYPES, text, outcome);
    return outcome;
  }
}

/** What every key of a catalog shares, computed once per catalog (a run has one per environment). */
interface CatalogKeys {
  /** The environment and the managed datasets (ids and logical names), hashed. */
  readonly base: string;
  /** The managed dataset ids, to find in SQL. */
  readonly ids: IdIndex;
  /** Every managed dataset id, sorted. */
  readonly allIds: readonly string[];
  /** The hash of a managed dataset's table list, by id (filled when first needed). */
  readonly tableHashes: Map<string, string>;
}
const catalogKeys = new WeakMap<EnvCatalog, CatalogKeys>();
/** The last key computed for a body in a catalog (a body is looked up, then stored after its check). */
const bodyKeys = new WeakMap<SqlBody, { catalog: EnvCatalog; key: string }>();

function keysOf(catalog: EnvCatalog): CatalogKeys {
  let found = catalogKeys.get(catalog);
  if (!found) {
    const allIds = [...catalog.managedDatasets.keys()].sort();
    const base = hashOf([JSON.stringify(catalog.env), JSON.stringify(allIds.map((id) => [id, catalog.managedDatasets.get(id)!.logical]))]);
    found = { base, ids: indexIds(allIds), allIds, tableHashes: new Map() };
    catalogKeys.set(catalog, found);
  }
  return found;
}

function findingsKey(catalog: EnvCatalog, body: SqlBody): string {
  const known = bodyKeys.get(body);
  if (known?.catalog === catalog) return known.key;
  const keys = keysOf(catalog);
  const lower = body.sql.toLowerCase();
  // A quoted name could spell a dataset id with escapes: then every table list is part of the key.
  const listed = lower.includes('\\') ? keys.allIds : idsIn(lower, keys.ids);
  const lists = listed.map((id) => {
    let hash = keys.tableHashes.get(id);
    if (hash === undefined) {
      hash = hashOf([JSON.stringify(catalog.managedDatasets.get(id)!.tables)]);
      keys.tableHashes.set(id, hash);
    }
    return [id, hash];
  });
  const key = JSON.stringify([sqlHashOf(body), body.arguments ?? [], keys.base, catalog.contentKeyFor(body.sql), lists]);
  bodyKeys.set(body, { catalog, key });
  return key;
}

/** The hash of a body's SQL (a body is keyed twice: looked up, then stored). */
const sqlHashes = new WeakMap<SqlBody, string>();

function sqlHashOf(body: SqlBody): string {
  let hash = sqlHashes.get(body);
  if (hash === undefined) {
    hash = hashOf([body.sql]);
    sqlHashes.set(body, hash);
  }
  return hash;
}

function slotKey(slot: string, members: readonly SlotMember[]): string {
  return JSON.stringify([slot, members.map((m) => [m.env, sqlHashOf(m.body), m.body.arguments ?? [], m.catalog.wholeKey()])]);
}

function groupingKey(slot: string, members: readonly SlotMember[]): string {
  return JSON.stringify([slot, members.map((m) => [m.env, findingsKey(m.catalog, m.body)])]);
}

/** Lists of indexes below `count`, each used once, ascending within a list. */
function isPartition(v: unknown, count: number): v is number[][] {
  if (!Array.isArray(v)) return false;
  const seen = new Set<number>();
  for (const group of v as unknown[]) {
    if (!Array.isArray(group) || group.length === 0) return false;
    let last = -1;
    for (const i of group as unknown[]) {
      if (typeof i !== 'number' || !Number.isInteger(i) || i <= last || i >= count || seen.has(i)) return false;
      seen.add(i);
      last = i;
    }
  }
  return seen.size === count;
}

function isFinding(v: unknown): v is Finding {
  return typeof v === 'object' && v !== null && typeof (v as Finding).code === 'string' && typeof (v as Finding).message === 'string';
}

function isOutcome(v: unknown): v is SqlOutcome<SqlType> {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as { ok?: unknown; value?: unknown; problem?: unknown };
  return (o.ok === true && typeof o.value === 'object' && o.value !== null) || (o.ok === false && typeof o.problem === 'object' && o.problem !== null);
}
