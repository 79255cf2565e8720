/**
 * Checks one procedure body: parses it as a BigQuery script, then walks the statements in order the
 * way BigQuery runs them. SQL statements are analyzed in place against the environment's catalog;
 * scripting statements (which ZetaSQL only parses) are modelled: DECLAREd variables and arguments
 * become catalog constants, temp tables are added when created, and conditions and assigned values
 * are analyzed as expressions with the type they must have.
 */
import type { DiagnosticCode } from '../../core/codes';
import type { Severity } from '../../core/diagnostics';
import { didYouMean, listNames } from '../../core/suggest';
import { child, field, namesOf, nestedStatementLists, statementsOf, unwrap, type AstNode } from './ast';
import type { CatalogArgument, CatalogColumn, CatalogTree, EnvCatalog } from './catalog';
import type { CatalogId, Resolved, SqlOutcome, SqlProblem, SqlService, TreeNode } from './service';
import { SqlText } from './sql-text';
import { SYSTEM_VARIABLES, systemVariable } from './system-variables';
import { cleanType, simpleType, type SqlType } from './types';

/** Something the checker found, at a string offset of the SQL (undefined: the SQL as a whole). */
export interface Finding {
  readonly code: DiagnosticCode;
  readonly message: string;
  readonly offset?: number;
  readonly hint?: string;
  readonly severity?: Severity;
}

/** What is checked: the SQL text and the arguments visible in it. */
export interface CheckInput {
  readonly sql: string;
  readonly arguments: readonly CatalogArgument[];
}

interface Variable {
  readonly name: string;
  readonly type: SqlType;
}

/** How an assigned value or condition must be typed, and how to say it is not. */
interface Target {
  readonly type: SqlType;
  describe(actual: string, expected: string): string;
}

const BOOL = simpleType('TYPE_BOOL');
const STRING = simpleType('TYPE_STRING');

/** Kinds of table names: a script's own (temp table, CTE), in a gdp dataset, or anywhere else. */
type TableScope = 'local' | 'managed' | 'external';

/**
 * Checks one body against one environment's catalog. The findings depend only on the input (SQL text
 * and argument types), the catalog's `treeFor(sql)` slice, the environment's project id and the managed
 * datasets the SQL names (with their table lists, for hints), and the server's language options: what a
 * cache of findings must be keyed by.
 */
export class BodyChecker {
  private readonly text: SqlText;
  private readonly findings: Finding[] = [];
  private readonly scopes: Map<string, Variable>[] = [new Map()];
  private readonly tempTables = new Map<string, { path: string[]; columns: CatalogColumn[] }>();
  /** Names whose declaration failed: errors that only repeat that failure are not reported again. */
  private readonly poisoned = new Set<string>();
  private readonly tempFunctions = new Set<string>();
  private readonly warnedTables = new Set<string>();
  /** The first CALL or EXECUTE IMMEDIATE run so far: after it, temp tables may exist that the checker cannot see. */
  private unseenTempTables?: string;
  /** After `SET @@dataset_id`, one-part table names refer to that dataset, which the checker cannot follow. */
  private defaultDatasetSet = false;
  private catalogId?: CatalogId;
  /** The environment's objects this script names (the same object for every script naming the same). */
  private base?: CatalogTree;
  private dirty = true;
  /** Unregistering does not hold up the check; it is awaited once at the end. */
  private readonly unregistering: Promise<void>[] = [];

  constructor(
    private readonly service: SqlService,
    private readonly catalog: EnvCatalog,
    private readonly input: CheckInput,
  ) {
    this.text = new SqlText(input.sql);
    for (const a of input.arguments) this.scopes[0].set(a.name.toLowerCase(), { name: a.name, type: a.type });
  }

  /** Runs the check; server failures are thrown (the caller reports the SQL as not checked). */
  async run(): Promise<Finding[]> {
    try {
      const parsed = await this.service.parseScript(this.input.sql);
      if (!parsed.ok) {
        this.findings.push({ code: 'GDP621', message: parsed.problem.message, offset: this.offsetOf(parsed.problem) });
        return this.findings;
      }
      await this.declarations(statementsOf(field(parsed.value, 'statementListNode')));
      return this.findings;
    } finally {
      this.release();
      await Promise.all(this.unregistering);
    }
  }

  private async statements(list: readonly AstNode[]): Promise<void> {
    for (const s of list) await this.statement(s);
  }

  private async block(list: unknown): Promise<void> {
    await this.statements(statementsOf(list));
  }

  private async statement(s: AstNode): Promise<void> {
    const n = s.node;
    if (s.kind === 'astCallStatementNode' || s.kind === 'astExecuteImmediateStatementNode') {
      // What ran may create temp tables the checker cannot see (a procedure's own, or dynamic SQL).
      this.unseenTempTables ??= s.kind === 'astCallStatementNode' ? `CALL ${namesOf(field(n, 'procedureName')).join('.') || 'of a procedure'}` : 'EXECUTE IMMEDIATE';
    }
    switch (s.kind) {
      case 'astBeginEndBlockNode':
        this.scopes.push(new Map());
        await this.declarations(statementsOf(field(n, 'statementListNode')));
        for (const handler of asArray(field(child(n, 'handlerList')?.node ?? {}, 'exceptionHandlerList'))) {
          await this.block(field(handler as TreeNode, 'statementList'));
        }
        this.popScope();
        return;
      case 'astVariableDeclarationNode':
        // Only at the start of a block or script, where declarations() takes them.
        return this.declarations([s]);
      case 'astSingleAssignmentNode':
        return this.assign(n);
      case 'astAssignmentFromStructNode':
        return this.assignStruct(n);
      case 'astSystemVariableAssignmentNode':
        return this.assignSystemVariable(n);
      case 'astIfStatementNode':
        await this.condition(child(n, 'condition'), 'IF');
        await this.block(field(n, 'thenList'));
        for (const c of asArray(field(child(n, 'elseifClauses')?.node ?? {}, 'elseifClauses'))) {
          await this.condition(child(c as TreeNode, 'condition'), 'ELSEIF');
          await this.block(field(c as TreeNode, 'body'));
        }
        await this.block(field(n, 'elseList'));
        return;
      case 'astCaseStatementNode':
        return this.caseStatement(n);
      case 'astWhileStatementNode':
        await this.condition(child(n, 'condition'), 'WHILE');
        await this.block(field(n, 'body'));
        return;
      case 'astRepeatStatementNode':
        await this.block(field(n, 'body'));
        await this.condition(child(child(n, 'untilClause')?.node ?? {}, 'condition'), 'UNTIL');
        return;
      case 'astForInStatementNode':
        return this.forIn(n);
      case 'astRaiseStatementNode': {
        const message = child(n, 'message');
        if (message) await this.value(message, { type: STRING, describe: (actual) => `the RAISE message has type ${actual}; it must be STRING` });
        return;
      }
      case 'astBreakStatementNode':
      case 'astContinueStatementNode':
      case 'astReturnStatementNode':
        return;
      case 'astAuxLoadDataStatementNode':
        return this.loadData(s);
      case 'astCreateFunctionStatementNode':
        this.tempFunctions.add(namesOf(field(child(n, 'functionDeclaration')?.node ?? {}, 'name')).join('.').toLowerCase());
        return this.inPlace(s);
      default: {
        // A scripting statement this checker does not model: still check the statements inside it.
        const lists = nestedStatementLists(n);
        if (lists.length > 0) {
          for (const list of lists) await this.block(list);
          return;
        }
        return this.inPlace(s);
      }
    }
  }

  /** Analyzes a SQL statement where it stands in the script. */
  private async inPlace(s: AstNode): Promise<void> {
    const r = await this.service.analyzeStatementAt(this.input.sql, s.start, await this.catalogNow());
    if (r.ok) {
      // Only CREATE TABLE statements resolve to a tree the checker reads (the table's columns).
      if (s.kind.startsWith('astCreateTable')) this.created(r.value());
      return;
    }
    if (s.kind === 'astCreateTableStatementNode') {
      const name = namesOf(field(s.node, 'name')).join('.').toLowerCase();
      if (name) this.poisoned.add(`table:${name}`);
    }
    this.problem(r.problem, s);
  }

  /**
   * `LOAD DATA … TEMP TABLE t (columns) FROM FILES (…)`. BigQuery creates the temp table with the listed
   * columns; ZetaSQL only resolves the statement against a table that exists. So the table is added with
   * the listed names first, then with the types ZetaSQL resolved from the list. Without a list, BigQuery
   * takes the columns from the files: statements reading the table are skipped, with a warning.
   */
  private async loadData(s: AstNode): Promise<void> {
    const n = s.node;
    if (field(n, 'isTempTable') !== true) return this.inPlace(s);
    const path = namesOf(field(n, 'name'));
    const key = path.join('.').toLowerCase();
    const names = asArray(field(child(n, 'tableElementList')?.node ?? {}, 'elements'))
      .map((e) => unwrap(e))
      .filter((e): e is AstNode => e?.kind === 'astColumnDefinitionNode')
      .map((e) => namesOf(field(e.node, 'name'))[0] ?? '');
    const known = this.tempTables.has(key);
    if (!known && names.length === 0) {
      this.poisoned.add(`table:${key}`);
      this.findings.push({
        code: 'GDP623',
        message: `temp table ${path.join('.')} takes its columns from the files (LOAD DATA without a column list): columns not checked; statements reading it were skipped`,
        offset: this.char(s.start),
        hint: 'List the columns after the table name, e.g. LOAD DATA INTO TEMP TABLE t (id INT64, name STRING) FROM FILES (…).',
      });
      return;
    }
    if (!known) {
      this.tempTables.set(key, { path, columns: names.map((name) => ({ name, type: STRING })) });
      this.dirty = true;
    }
    const r = await this.service.analyzeStatementAt(this.input.sql, s.start, await this.catalogNow());
    if (r.ok) {
      this.created(r.value());
      return;
    }
    if (!known) {
      this.tempTables.delete(key);
      this.dirty = true;
      this.poisoned.add(`table:${key}`);
    }
    this.problem(r.problem, s);
  }

  /** Adds the table a CREATE TABLE (or LOAD DATA into a temp table) statement creates to the script's catalog. */
  private created(resolved: TreeNode): void {
    const stmt = unwrap(resolved);
    if (!stmt) return;
    const loadsTemp = stmt.kind === 'resolvedAuxLoadDataStmtNode' && field(stmt.node, 'isTempTable') === true;
    if (!loadsTemp && !/^resolvedCreateTable/.test(stmt.kind)) return;
    const path = asArray(field(stmt.node, 'namePath')).map(String);
    const columns: CatalogColumn[] = [];
    for (const c of asArray(field(stmt.node, 'columnDefinitionList'))) {
      const def = c as TreeNode;
      const type = cleanType(field(def, 'type'));
      if (type) columns.push({ name: String(field(def, 'name')), type });
    }
    if (path.length === 0 || (loadsTemp && columns.length === 0)) return;
    this.tempTables.set(path.join('.').toLowerCase(), { path, columns });
    this.dirty = true;
  }

  /**
   * A block's statements. Its leading DECLAREs are taken together: variables with a written type are
   * known first, so one catalog serves every DEFAULT expression of the block (registering a catalog
   * costs more than analyzing an expression).
   */
  private async declarations(list: readonly AstNode[]): Promise<void> {
    let i = 0;
    const declares: { names: string[]; typeNode?: AstNode; initial?: AstNode; type?: SqlType }[] = [];
    for (; i < list.length && list[i].kind === 'astVariableDeclarationNode'; i++) {
      const n = list[i].node;
      declares.push({ names: namesOf(field(n, 'variableList')), typeNode: child(n, 'type'), initial: child(n, 'defaultValue') });
    }
    for (const d of declares) {
      if (!d.typeNode) continue;
      const r = await this.service.resolveType(this.slice(d.typeNode));
      if (r.ok) {
        d.type = r.value;
        this.define(d.names, d.type);
      } else {
        this.findings.push({ code: 'GDP620', message: `${r.problem.message} (in the type of ${d.names.join(', ')})`, offset: this.char(d.typeNode.start) });
        this.define(d.names, undefined);
      }
    }
    for (const d of declares) {
      if (!d.initial) continue;
      const what = d.names.length === 1 ? d.names[0] : `(${d.names.join(', ')})`;
      const type = d.type;
      const found = await this.value(
        d.initial,
        type ? { type, describe: (actual, expected) => `the default value of ${what} has type ${actual}, which cannot be assigned to ${expected}` } : undefined,
      );
      if (!d.typeNode) this.define(d.names, found);
    }
    await this.statements(list.slice(i));
  }

  /** Declares variables in the innermost scope; without a type, errors about them are not repeated. */
  private define(names: readonly string[], type: SqlType | undefined): void {
    const scope = this.scopes[this.scopes.length - 1];
    for (const name of names) {
      if (type) scope.set(name.toLowerCase(), { name, type });
      else this.poisoned.add(`var:${name.toLowerCase()}`);
    }
    if (type) this.dirty = true;
  }

  private async assign(n: TreeNode): Promise<void> {
    const variable = unwrap(field(n, 'variable'));
    const name = namesOf(field(n, 'variable'))[0] ?? '';
    const expression = child(n, 'expression');
    const v = this.lookup(name);
    if (!v && variable) this.unknownVariable(name, variable);
    if (!expression) return;
    await this.value(
      expression,
      v ? { type: v.type, describe: (actual, expected) => `a value of type ${actual} cannot be assigned to ${v.name}, which has type ${expected}` } : undefined,
    );
  }

  private async assignStruct(n: TreeNode): Promise<void> {
    const ids = asArray(field(unwrap(field(n, 'variables'))?.node ?? {}, 'identifierList'));
    const vars: Variable[] = [];
    for (const id of ids) {
      const node = unwrap(id);
      const name = namesOf(id)[0] ?? '';
      const v = this.lookup(name);
      if (v) vars.push(v);
      else if (node) this.unknownVariable(name, node);
    }
    const expression = child(n, 'structExpression');
    if (!expression) return;
    const type: SqlType | undefined =
      vars.length === ids.length ? { typeKind: 'TYPE_STRUCT', structType: { field: vars.map((v) => ({ fieldName: '', fieldType: v.type })) } } : undefined;
    const names = `(${vars.map((v) => v.name).join(', ')})`;
    await this.value(expression, type ? { type, describe: (actual, expected) => `a value of type ${actual} cannot be assigned to ${names}, which have types ${expected}` } : undefined);
  }

  private async assignSystemVariable(n: TreeNode): Promise<void> {
    const target = child(n, 'systemVariable');
    const name = `@@${namesOf(field(target?.node ?? {}, 'path')).join('.')}`;
    const type = systemVariable(name);
    if (name.toLowerCase() === '@@dataset_id') this.defaultDatasetSet = true;
    if (!type && target) {
      const known = SYSTEM_VARIABLES.map((v) => `@@${v.namePath.join('.')}`);
      this.findings.push({ code: 'GDP624', message: `BigQuery has no system variable ${name}.${didYouMean(name, known)}`, offset: this.char(target.start), hint: `System variables: ${listNames(known, 30)}.` });
    }
    const expression = child(n, 'expression');
    if (expression) await this.value(expression, type ? { type, describe: (actual, expected) => `a value of type ${actual} cannot be assigned to ${name}, which has type ${expected}` } : undefined);
  }

  private async caseStatement(n: TreeNode): Promise<void> {
    const subject = child(n, 'expression');
    if (subject) await this.value(subject);
    for (const c of asArray(field(child(n, 'whenThenClauses')?.node ?? {}, 'whenThenClauses'))) {
      const when = child(c as TreeNode, 'condition');
      if (subject && when) await this.value(when);
      else await this.condition(when, 'WHEN');
      await this.block(field(c as TreeNode, 'body'));
    }
    await this.block(field(n, 'elseList'));
  }

  private async forIn(n: TreeNode): Promise<void> {
    const name = namesOf(field(n, 'variable'))[0] ?? '';
    const query = child(n, 'query');
    let type: SqlType | undefined;
    if (query) {
      const r = await this.service.analyzeStatement(this.text.keepOnly(this.char(query.start), this.char(query.end)), await this.catalogNow());
      if (r.ok) type = rowType(r.value());
      else this.problem(r.problem, query);
    }
    this.scopes.push(new Map());
    if (type) {
      this.scopes[this.scopes.length - 1].set(name.toLowerCase(), { name, type });
      this.dirty = true;
    } else this.poisoned.add(`var:${name.toLowerCase()}`);
    await this.block(field(n, 'body'));
    this.popScope();
  }

  private async condition(node: AstNode | undefined, keyword: string): Promise<void> {
    if (!node) return;
    await this.value(node, { type: BOOL, describe: (actual) => `the ${keyword} condition has type ${actual}; it must be BOOL` });
  }

  /**
   * Analyzes an expression in place. With a target, it must be assignable to the target type (checked
   * as `SELECT expr` coerced to it). Returns the expression's type when known.
   */
  private async value(node: AstNode, target?: Target): Promise<SqlType | undefined> {
    const start = this.char(node.start);
    const end = this.char(node.end);
    const catalog = await this.catalogNow();
    const asQuery = target ? this.text.keepOnlyAfter('SELECT', start, end) : undefined;
    if (target && asQuery !== undefined) {
      const r = await this.service.analyzeStatement(asQuery, catalog, [target.type]);
      if (r.ok) return target.type;
      const m = /^Query column 1 has type (.+) which cannot be coerced to target type (.+)$/.exec(r.problem.message);
      if (m) this.findings.push({ code: 'GDP625', message: target.describe(m[1], m[2]), offset: start });
      else this.problem(r.problem, node);
      return undefined;
    }
    const r: SqlOutcome<Resolved> = await this.service.analyzeExpression(this.text.keepOnly(start, end), catalog);
    if (!r.ok) {
      this.problem(r.problem, node);
      return undefined;
    }
    return cleanType(field(unwrap(r.value())?.node ?? {}, 'type'));
  }

  private unknownVariable(name: string, at: AstNode): void {
    if (this.poisoned.has(`var:${name.toLowerCase()}`)) return;
    const known = this.scopes.flatMap((s) => [...s.values()].map((v) => v.name));
    this.findings.push({
      code: 'GDP624',
      message: `variable ${name} is not declared.${didYouMean(name, known)}`,
      offset: this.char(at.start),
      hint: known.length > 0 ? `Variables here: ${listNames(known)}. DECLARE a new one at the start of its BEGIN block.` : undefined,
    });
  }

  private popScope(): void {
    if (this.scopes.pop()!.size > 0) this.dirty = true;
  }

  private lookup(name: string): Variable | undefined {
    const key = name.toLowerCase();
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i].get(key);
      if (v) return v;
    }
    return undefined;
  }

  /** Turns a ZetaSQL problem into a finding, or drops it when it only repeats an earlier one. */
  private problem(p: SqlProblem, at: AstNode): void {
    const offset = p.line !== undefined ? this.text.offsetOf(p.line, p.column ?? 1) : this.char(at.start);
    const message = p.message;
    // The whole script parsed: a syntax error now means ZetaSQL cannot analyze this statement kind alone.
    if (/^(Syntax error|Statement not supported)/.test(message)) return;
    const table = /^Table not found: (.+?)(?:; Did you mean .+)?$/.exec(message);
    if (table) return this.missingTable(parseNamePath(table[1]), message, offset);
    const procedure = /^Procedure not found: (.+?)(?:; Did you mean .+)?$/.exec(message);
    if (procedure) return this.missingProcedure(parseNamePath(procedure[1]), message, offset);
    const fn = /^(?:Table-valued function|Function) not found: (\S+?)(;.*)?$/.exec(message);
    if (fn) {
      if (this.tempFunctions.has(fn[1].toLowerCase())) return;
      if (!fn[2]) {
        this.findings.push({ code: 'GDP628', message: `${message}: the SQL checker does not know this function, so the statement was not checked`, offset });
        return;
      }
    }
    const unknown = /^Unrecognized name: (\w+)/.exec(message);
    if (unknown && this.poisoned.has(`var:${unknown[1].toLowerCase()}`)) return;
    this.findings.push({ code: 'GDP620', message, offset });
  }

  private missingTable(path: string[], message: string, offset: number): void {
    const key = path.join('.').toLowerCase();
    if (this.poisoned.has(`table:${key}`)) return;
    const scope = this.scopeOf(path);
    if (scope === 'local' && this.unseenTempTables !== undefined) {
      this.poisoned.add(`table:${key}`);
      this.findings.push({
        code: 'GDP630',
        message: `temp table ${path.join('.')} may be created by ${this.unseenTempTables} before it (dynamically, e.g. with EXECUTE IMMEDIATE): it cannot be checked; statements reading it were skipped`,
        offset,
      });
      return;
    }
    if (scope === 'local') {
      const temps = [...this.tempTables.values()].map((t) => t.path.join('.'));
      this.findings.push({ code: 'GDP620', message, offset, hint: temps.length > 0 ? `Temp tables created before this statement: ${listNames(temps)}.` : undefined });
      return;
    }
    if (scope === 'managed') {
      const dataset = this.catalog.managedDatasets.get(path[path.length - 2].toLowerCase())!;
      this.findings.push({
        code: 'GDP622',
        message,
        offset,
        hint: `Tables declared in dataset ${dataset.logical}: ${listNames(dataset.tables)}. Declare new tables in configuration/tables/; write them as \${tables["<table>_v<version>"].reference}.`,
      });
      return;
    }
    if (this.warnedTables.has(key)) return;
    this.warnedTables.add(key);
    if (path.length === 1) {
      this.findings.push({
        code: 'GDP623',
        message: `table ${path[0]} is looked up in the dataset set with SET @@dataset_id, which the checker does not follow: columns not checked; statements reading it were skipped`,
        offset,
        hint: 'Name tables with their dataset (${tables["<table>_v<version>"].reference}) so gdp can check the statements that read them.',
      });
      return;
    }
    this.findings.push({
      code: 'GDP623',
      message: `table ${path.join('.')} is not declared: columns not checked; statements reading it were skipped`,
      offset,
      hint: /(^|\.)INFORMATION_SCHEMA(\.|$)/i.test(path.join('.'))
        ? 'INFORMATION_SCHEMA views are not modelled by the SQL checker.'
        : 'If gdp should create it, declare it in configuration/tables/; if it exists outside gdp (a billing export, audit logs, another team’s dataset), declare it in configuration/existing-tables/ with its project, dataset, table and schema. Either way gdp then checks the statements that read it.',
    });
  }

  private missingProcedure(path: string[], message: string, offset: number): void {
    // BigQuery's system procedures (BQ.REFRESH_MATERIALIZED_VIEW, BQ.JOBS.CANCEL, …) are not declared anywhere.
    if (path.length > 1 && path[0].toUpperCase() === 'BQ') return;
    if (this.scopeOf(path) === 'managed') {
      this.findings.push({ code: 'GDP626', message, offset });
      return;
    }
    this.findings.push({ code: 'GDP627', message: `procedure ${path.join('.')} is not declared: the CALL was not checked`, offset });
  }

  /** Whether a name the catalog lacks is the script's own, in a gdp dataset, or elsewhere. */
  private scopeOf(path: readonly string[]): TableScope {
    const parts = path.flatMap((p) => p.split('.'));
    if (parts.some((p) => p.toUpperCase() === 'INFORMATION_SCHEMA') || parts[parts.length - 1].endsWith('*')) return 'external';
    if (parts.length === 1) return this.defaultDatasetSet && !this.tempTables.has(parts[0].toLowerCase()) ? 'external' : 'local';
    const dataset = parts[parts.length - 2].toLowerCase();
    const project = parts.length >= 3 ? parts[parts.length - 3].toLowerCase() : this.catalog.env.project_id.toLowerCase();
    return project === this.catalog.env.project_id.toLowerCase() && this.catalog.managedDatasets.has(dataset) ? 'managed' : 'external';
  }

  /** The registered catalog with the script's current variables and temp tables. */
  private async catalogNow(): Promise<CatalogId> {
    if (!this.dirty && this.catalogId !== undefined) return this.catalogId;
    const base = (this.base ??= this.catalog.treeFor(this.input.sql));
    const constants = new Map<string, Variable>();
    for (const scope of this.scopes) for (const [k, v] of scope) constants.set(k, v);
    const constant = [...constants.values()].map((v) => ({ namePath: [v.name], type: v.type }));
    const temps = [...this.tempTables.values()];
    this.release();
    if (temps.every((t) => t.path.length === 1 && !base.hasTable(t.path))) {
      // The usual case: the environment's objects (encoded once) plus the script's own names.
      this.catalogId = await this.service.registerCatalog({ table: temps.map((t) => ({ name: t.path[0], column: t.columns })), constant }, base);
    } else {
      const tree = base.clone();
      for (const t of temps) tree.addTable(t.path, t.columns);
      this.catalogId = await this.service.registerCatalog({ ...tree.toProto(), constant });
    }
    this.dirty = false;
    return this.catalogId;
  }

  private release(): void {
    if (this.catalogId === undefined) return;
    this.unregistering.push(this.service.unregisterCatalog(this.catalogId).catch(() => undefined));
    this.catalogId = undefined;
  }

  private char(byte: number): number {
    return this.text.offsetOfByte(byte);
  }

  private slice(node: AstNode): string {
    return this.input.sql.slice(this.char(node.start), this.char(node.end));
  }

  private offsetOf(p: SqlProblem): number | undefined {
    return p.line === undefined ? undefined : this.text.offsetOf(p.line, p.column ?? 1);
  }
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** The row type of a query: a STRUCT of its output columns (the type of a FOR loop's variable). */
function rowType(resolved: TreeNode): SqlType | undefined {
  const stmt = unwrap(resolved);
  if (!stmt) return undefined;
  const columns = asArray(field(stmt.node, 'outputColumnList')).map((c) => ({
    fieldName: String(field(c as TreeNode, 'name') ?? ''),
    fieldType: cleanType(field((field(c as TreeNode, 'column') ?? {}) as TreeNode, 'type')),
  }));
  if (columns.some((c) => !c.fieldType)) return undefined;
  return { typeKind: 'TYPE_STRUCT', structType: { field: columns as { fieldName: string; fieldType: SqlType }[] } };
}

/** `\`a-b.c\`.d` → `['a-b', 'c', 'd']`: a name as ZetaSQL prints it, split into parts. */
export function parseNamePath(text: string): string[] {
  const parts: string[] = [];
  const re = /`((?:[^`\\]|\\.)*)`|([^.`]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) parts.push(...(m[1] !== undefined ? m[1].split('.') : [m[2].trim()]));
  return parts.filter((p) => p.length > 0);
}
