/**
 * The catalog SQL is checked against in one environment: every declared table under its final name
 * (nested `project > dataset > table`, `dataset > table`, and the backticked flat name), every declared
 * procedure the same way, plus what a script adds as it runs (variables as constants, temp tables).
 * A script's catalog holds the objects of the datasets the script names.
 */
import { createHash } from 'node:crypto';
import type { Environment } from '../../core/environment';
import type { Project } from '../../core/project';
import { datasetIdFor } from '../../modules/dataset';
import { existingTableAddress, existingTableColumns, type ExistingTableConfig } from '../../modules/existing-table';
import { canonicalColumns, tableAddress, type CanonicalColumn, type TableConfig } from '../../modules/table';
import type { SqlBodyTable } from './body-extras';
import { columnType, simpleType, type SqlType } from './types';

type DatasetConfig = Parameters<typeof datasetIdFor>[1];

/** A column of a catalog table. */
export interface CatalogColumn {
  readonly name: string;
  readonly type: SqlType;
  readonly isPseudoColumn?: boolean;
}

/** A procedure argument with its resolved type. */
export interface CatalogArgument {
  readonly name: string;
  readonly type: SqlType;
  readonly mode?: 'IN' | 'OUT' | 'INOUT';
}

/** A procedure the catalog declares, so CALLs to it are checked. */
export interface CatalogRoutine {
  readonly project: string;
  readonly dataset: string;
  readonly name: string;
  readonly arguments: readonly CatalogArgument[];
}

interface TableEntry {
  readonly name: string;
  readonly columns: readonly CatalogColumn[];
}

/** A tree of nested catalogs holding tables and procedures; names are looked up case-insensitively. */
export class CatalogTree {
  private readonly children = new Map<string, CatalogTree>();
  private readonly tables = new Map<string, TableEntry>();
  private readonly procedures = new Map<string, CatalogRoutine>();

  constructor(readonly name = '') {}

  /** Adds a table at a name path (`['proj', 'ds', 't']`), creating the catalogs on the way. */
  addTable(path: readonly string[], columns: readonly CatalogColumn[]): void {
    const name = path[path.length - 1];
    this.at(path.slice(0, -1)).tables.set(name.toLowerCase(), { name, columns });
  }

  /** Adds a procedure at a name path. */
  addProcedure(path: readonly string[], routine: CatalogRoutine): void {
    const name = path[path.length - 1];
    this.at(path.slice(0, -1)).procedures.set(name.toLowerCase(), { ...routine, name });
  }

  /** Whether a table is at a name path (case-insensitively). */
  hasTable(path: readonly string[]): boolean {
    if (path.length > 1) return this.children.get(path[0].toLowerCase())?.hasTable(path.slice(1)) ?? false;
    return this.tables.has(path[0].toLowerCase());
  }

  /** A deep copy, to add a script's temp tables without touching the environment's catalog. */
  clone(): CatalogTree {
    const copy = new CatalogTree(this.name);
    for (const [k, t] of this.tables) copy.tables.set(k, t);
    for (const [k, p] of this.procedures) copy.procedures.set(k, p);
    for (const [k, c] of this.children) copy.children.set(k, c.clone());
    return copy;
  }

  /** The `SimpleCatalogProto` of the tree. */
  toProto(): Record<string, unknown> {
    return {
      name: this.name,
      table: [...this.tables.values()].map((t) => ({ name: t.name, column: t.columns })),
      catalog: [...this.children.values()].map((c) => c.toProto()),
      procedure: [...this.procedures.values()].map(procedureProto),
    };
  }

  private at(path: readonly string[]): CatalogTree {
    if (path.length === 0) return this;
    const key = path[0].toLowerCase();
    let next = this.children.get(key);
    if (!next) {
      next = new CatalogTree(path[0]);
      this.children.set(key, next);
    }
    return next.at(path.slice(1));
  }
}

function procedureProto(p: CatalogRoutine): Record<string, unknown> {
  // The server crashes on signature arguments without num_occurrences.
  const argument = p.arguments.map((a) => ({
    kind: 'ARG_TYPE_FIXED',
    type: a.type,
    numOccurrences: 1,
    options: { cardinality: 'REQUIRED', argumentName: a.name, procedureArgumentMode: a.mode ?? 'IN' },
  }));
  return {
    namePath: [p.name],
    signature: { argument, returnType: { kind: 'ARG_TYPE_FIXED', type: simpleType('TYPE_BOOL'), numOccurrences: 1 }, contextId: 0 },
  };
}

/** The catalog of one environment and what the checker needs to know about its names. */
export interface EnvCatalog {
  readonly env: Environment;
  /** Ids of the datasets gdp manages in the environment's project (lower case). */
  readonly managedDatasets: ReadonlyMap<string, { readonly logical: string; readonly tables: readonly string[] }>;
  /**
   * The catalog for one SQL text: the tables and procedures of the datasets it names (sending every
   * object of a large project with each of a script's catalogs would cost more than the analysis).
   */
  treeFor(sql: string): CatalogTree;
  /**
   * The SQL with this environment's generated names replaced by placeholders: equal results (and equal
   * {@link sliceKey}s) mean two environments run the same SQL except for names, so checking one is enough.
   */
  normalize(sql: string): string;
  /**
   * A hash of what {@link treeFor} gives for the SQL, computed from what the tree is built of (the named
   * datasets, each one's objects with their name paths and columns, the named procedures): equal hashes
   * mean equal trees and equal {@link sliceKey}s (given the same environment and managed datasets).
   */
  contentKeyFor(sql: string): string;
  /**
   * A hash of everything a check in this environment can see, whatever the SQL: the environment, the
   * managed datasets with their table lists, every object of every dataset, every procedure. Equal keys
   * mean equal {@link treeFor}, {@link normalize} and {@link sliceKey} results for any SQL.
   */
  wholeKey(): string;
  /**
   * What {@link treeFor} gives for the SQL, with the environment's names replaced by placeholders (as
   * a short key): two environments whose catalogs differ for the SQL (a table only one of them has)
   * get different keys, so each is checked.
   */
  sliceKey(sql: string): string;
}

/** Ingestion-time partitioned tables have these pseudo-columns. */
const PARTITION_PSEUDO_COLUMNS: readonly CatalogColumn[] = [
  { name: '_PARTITIONTIME', type: simpleType('TYPE_TIMESTAMP'), isPseudoColumn: true },
  { name: '_PARTITIONDATE', type: simpleType('TYPE_DATE'), isPseudoColumn: true },
];

/** The catalog columns of table columns (a column whose type is unknown is left out). */
function catalogColumns(columns: readonly CanonicalColumn[]): CatalogColumn[] {
  const out: CatalogColumn[] = [];
  for (const c of columns) {
    const type = columnType(c);
    if (type) out.push({ name: c.name, type });
  }
  return out;
}

/** An object of a dataset: the name paths it is added at, and its columns. */
interface DatasetObject {
  readonly paths: readonly (readonly string[])[];
  readonly columns: readonly CatalogColumn[];
}

/** The catalog columns of a declared table, the same for every environment (kept per table configuration). */
const tableColumnsOf = new WeakMap<TableConfig, CatalogColumn[]>();
/** The hash of a column list's JSON (lists of declared tables are shared by the environments). */
const columnHashes = new WeakMap<readonly CatalogColumn[], string>();

function declaredColumns(config: TableConfig): CatalogColumn[] {
  let columns = tableColumnsOf.get(config);
  if (!columns) {
    columns = catalogColumns(canonicalColumns(config));
    if (config.time_partitioning && !config.time_partitioning.field) columns.push(...PARTITION_PSEUDO_COLUMNS);
    tableColumnsOf.set(config, columns);
  }
  return columns;
}

function columnsHash(columns: readonly CatalogColumn[]): string {
  let hash = columnHashes.get(columns);
  if (hash === undefined) {
    hash = createHash('sha1').update(JSON.stringify(columns)).digest('base64');
    columnHashes.set(columns, hash);
  }
  return hash;
}

/**
 * Builds the catalog of an environment from the declared tables, the existing tables declared in
 * configuration/existing-tables/, the given procedures, and the tables entities create themselves (a
 * load's log table).
 */
export function buildEnvCatalog(project: Project, env: Environment, routines: readonly CatalogRoutine[], created: readonly SqlBodyTable[] = []): EnvCatalog {
  const managed = new Map<string, { logical: string; tables: string[] }>();
  for (const dataset of project.all<DatasetConfig>('datasets')) {
    managed.set(datasetIdFor(dataset.name, dataset.config, env).toLowerCase(), { logical: dataset.name, tables: [] });
  }
  // Objects by dataset id (lower case), added to a script's catalog when the script names the dataset.
  const byDataset = new Map<string, DatasetObject[]>();
  const add = (datasetId: string, object: DatasetObject): void => {
    const key = datasetId.toLowerCase();
    const objects = byDataset.get(key);
    if (objects) objects.push(object);
    else byDataset.set(key, [object]);
  };
  const addTo = (tree: CatalogTree, id: string): void => {
    for (const { paths, columns } of byDataset.get(id)!) for (const path of paths) tree.addTable(path, columns);
  };
  for (const table of project.all<TableConfig>('tables')) {
    const a = tableAddress(table, env, project);
    add(a.datasetId, { paths: namePaths(a.project, a.datasetId, a.tableId), columns: declaredColumns(table.config) });
    managed.get(a.datasetId.toLowerCase())?.tables.push(a.tableId);
  }
  for (const existing of project.all<ExistingTableConfig>('existing_tables')) {
    const a = existingTableAddress(existing.config, env);
    const columns = catalogColumns(existingTableColumns(existing.config));
    // `dataset.table` names it only when it is in the environment's own project.
    const paths = namePaths(a.project, a.dataset, a.table).slice(0, a.project.toLowerCase() === env.project_id.toLowerCase() ? 4 : 2);
    add(a.dataset, { paths, columns });
  }
  const seen = new Set<string>();
  for (const t of created) {
    // Several loads of a dataset share its log table: one entry is enough.
    const key = `${t.project}.${t.dataset}.${t.name}`.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    const columns = catalogColumns(t.columns);
    // Not listed among the dataset's tables: hints name the tables declared in configuration/tables/.
    add(t.dataset, { paths: namePaths(t.project, t.dataset, t.name), columns });
  }
  // Procedures only when named too: a CALL writes the name, and signatures are costly to send.
  const proceduresByName = new Map<string, { key: string; dataset: string; r: CatalogRoutine }[]>();
  for (const r of routines) {
    const name = r.name.toLowerCase();
    const entry = { key: `${r.dataset}\u0000${r.name}`.toLowerCase(), dataset: r.dataset.toLowerCase(), r };
    proceduresByName.set(name, [...(proceduresByName.get(name) ?? []), entry]);
  }

  const placeholders = new Map<string, string>([...managed].map(([id, d]) => [id, `{dataset:${d.logical}}`]));
  placeholders.set(env.project_id.toLowerCase(), '{project}');
  // Most tokens are keywords and column names: their length alone tells they are no generated name.
  const lengths = new Set([...placeholders.keys()].map((k) => k.length));
  const placeholder = (word: string): string => (lengths.has(word.length) ? (placeholders.get(word.toLowerCase()) ?? word) : word);
  // A hyphenated token that is not a project id may still hold a dataset id (`x-ds_0001_dv`).
  const normalize = (text: string): string =>
    text.replace(NAME_TOKEN, (m) => {
      const whole = placeholder(m);
      return whole !== m || !m.includes('-') ? whole : m.split('-').map(placeholder).join('-');
    });
  /** The datasets (ids, sorted) and procedures a SQL text names: names are whole tokens of it. */
  /** The datasets and procedures SQL names; `key` identifies them (the memo key of its tree and content key). */
  type Slice = { named: string[]; called: { key: string; dataset: string; r: CatalogRoutine }[]; key: string };
  // Grouping and checking both ask for a body's slice: the last few texts are remembered.
  const slices = new Map<string, Slice>();
  const slice = (sql: string): Slice => {
    let found = slices.get(sql);
    if (!found) {
      found = sliceOf(sql);
      if (slices.size >= 64) slices.delete(slices.keys().next().value!);
      slices.set(sql, found);
    }
    return found;
  };
  const sliceOf = (sql: string): Slice => {
    const words = new Set<string>();
    for (const token of sql.toLowerCase().match(NAME_TOKEN) ?? []) {
      words.add(token);
      if (token.includes('-')) for (const part of token.split('-')) words.add(part);
    }
    const named = [...words].filter((w) => byDataset.has(w)).sort();
    const called = [...words].flatMap((w) => proceduresByName.get(w) ?? []).filter((p) => words.has(p.dataset));
    called.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
    return { named, called, key: [...named, '', ...called.map((p) => p.key)].join('\u0000') };
  };
  const signatures = new Map<string, string>();
  /** A dataset's objects in this environment, names replaced by placeholders, hashed. */
  const signatureOf = (id: string): string => {
    let found = signatures.get(id);
    if (found === undefined) {
      const tree = new CatalogTree();
      addTo(tree, id);
      found = createHash('sha1').update(normalize(JSON.stringify(tree.toProto()))).digest('base64');
      signatures.set(id, found);
    }
    return found;
  };
  const trees = new Map<string, CatalogTree>();
  /** The hash of a dataset's objects (name paths and columns) in this environment. */
  const contentHashes = new Map<string, string>();
  const contentHashOf = (id: string): string => {
    let found = contentHashes.get(id);
    if (found === undefined) {
      const parts: string[] = [];
      for (const { paths, columns } of byDataset.get(id)!) parts.push(JSON.stringify(paths), columnsHash(columns));
      found = createHash('sha1').update(parts.join('\u0000')).digest('base64');
      contentHashes.set(id, found);
    }
    return found;
  };
  const contentKeys = new Map<string, string>();
  let whole: string | undefined;
  return {
    env,
    managedDatasets: managed,
    treeFor(sql) {
      const { named, called, key } = slice(sql);
      let tree = trees.get(key);
      if (!tree) {
        tree = new CatalogTree();
        for (const id of named) addTo(tree, id);
        for (const { r } of called) namePaths(r.project, r.dataset, r.name).forEach((path) => tree!.addProcedure(path, r));
        trees.set(key, tree);
      }
      return tree;
    },
    normalize,
    contentKeyFor(sql) {
      const { named, called, key } = slice(sql);
      let found = contentKeys.get(key);
      if (found === undefined) {
        const parts = named.map((id) => [id, contentHashOf(id)]);
        found = createHash('sha1').update(JSON.stringify([parts, called.map((p) => p.r)])).digest('base64');
        contentKeys.set(key, found);
      }
      return found;
    },
    wholeKey() {
      if (whole === undefined) {
        const h = createHash('sha1');
        h.update(JSON.stringify(env)).update('\u0000');
        h.update(JSON.stringify([...managed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))).update('\u0000');
        for (const id of [...byDataset.keys()].sort()) h.update(`${id}\u0000${contentHashOf(id)}\u0000`);
        h.update(JSON.stringify(routines));
        whole = h.digest('base64');
      }
      return whole;
    },
    sliceKey(sql) {
      const { named, called } = slice(sql);
      const parts = named.map((id) => `${placeholders.get(id) ?? id}=${signatureOf(id)}`);
      for (const { r } of called) parts.push(normalize(JSON.stringify(procedureProto(r)) + r.project + '.' + r.dataset));
      return parts.join('\u0000');
    },
  };
}

/**
 * A name in SQL as a whole token: project ids (with hyphens), dataset ids, table and procedure names.
 * Looking tokens up in maps keeps a body's cost independent of the number of datasets in the project.
 */
const NAME_TOKEN = /[a-z0-9_]+(?:-[a-z0-9_]+)*/gi;

/** Every way SQL can name an object: `p.d.x` as three names or one backticked name, and `d.x`. */
function namePaths(project: string, dataset: string, name: string): string[][] {
  return [[project, dataset, name], [`${project}.${dataset}.${name}`], [dataset, name], [`${dataset}.${name}`]];
}
