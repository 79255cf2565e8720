/**
 * `gdp import workflow`: a Cloud Workflows definition as Google documents it (a top-level `main:` with
 * `params`/`steps` and other top-level keys as subworkflows, or a bare list of steps) turned into gdp's
 * workflow file. Steps keep Cloud Workflows' native form (gdp reads both forms); every `${` becomes `$${`
 * (in keys too), so nothing is read as a gdp reference; comments, quotes and number forms stay where the
 * `yaml` library keeps them (comments on nodes that move are kept, a comment between moved keys may
 * shift by a line).
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, Pair, parseDocument, Scalar, visit, YAMLMap, Document, type Node } from 'yaml';
import { DiagnosticBag, type Diagnostic } from '../../core/diagnostics';
import { codeLookup } from '../../core/code-catalog';
import { parseText } from '../../core/source';
import { reporterFor } from '../../core/project';
import { checkDefinition } from './definition-checks';
import { WorkflowSchema } from './schema';
import { reportSchemaIssues } from '../../core/schema-errors';
import { WORKFLOW_CODES } from './codes';

/** The outcome of {@link importNativeWorkflow}. */
export interface ImportedWorkflow {
  /** The gdp workflow file, when the input is a Cloud Workflows definition. */
  readonly text?: string;
  /** The logical name given to the workflow. */
  readonly name: string;
  /** Problems of the input (positioned in it) or of the converted file (positioned in {@link text}). */
  readonly diagnostics: Diagnostic[];
}

const WORKFLOW_NAME = /^[A-Za-z0-9_]+$/;

/** A logical name from a file name: characters gdp does not allow become "_". */
export function nameFromFile(fileName: string): string {
  return fileName.replace(/\.(ya?ml|json)$/i, '').replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * Converts the native definition `text` (shown as `display` in diagnostics) to a gdp workflow named
 * `name`; `target` is how the converted file is named in its own diagnostics.
 */
export function importNativeWorkflow(display: string, text: string, name: string, target: string, form: StepForm = 'native'): ImportedWorkflow {
  // The workflow module's codes (GDP611, and those checkDefinition reports) besides the core's.
  const bag = new DiagnosticBag(codeLookup(WORKFLOW_CODES));
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, logLevel: 'silent' });
  const at = (node: Node | null | undefined): { line: number; column: number } => {
    const p = lines.linePos(node?.range?.[0] ?? 0);
    return { line: p.line, column: p.col };
  };
  const fail = (code: 'GDP101' | 'GDP611', message: string, node?: Node | null, hint?: string): ImportedWorkflow => {
    bag.add({ code, file: display, ...at(node), message, hint });
    return { name, diagnostics: bag.sorted() };
  };
  if (!WORKFLOW_NAME.test(name)) {
    return fail('GDP611', `"${name}" cannot be a workflow_name: it may only hold letters, digits and "_"`, undefined, 'Give --name NAME with letters, digits and "_".');
  }
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const p = lines.linePos(e.pos[0]);
      bag.add({ code: 'GDP101', file: display, line: p.line, column: p.col, message: e.message.split('\n')[0] });
    }
    return { name, diagnostics: bag.sorted() };
  }
  const parts = definitionParts(doc.contents);
  if ('problem' in parts) return fail('GDP611', parts.problem, parts.node ?? doc.contents, parts.hint);

  escapeExpressions(doc);
  if (form === 'users') {
    toUsersForm(parts.steps);
    for (const sub of parts.subworkflows) if (isMap(sub.value)) toUsersForm(sub.value.get('steps', true));
  }
  const out = new YAMLMap();
  out.add(new Pair(new Scalar('workflow_name'), new Scalar(name)));
  if (parts.params) out.add(parts.params);
  const steps = new Pair(new Scalar('steps'), parts.steps);
  // The comment above the first key (main, or the first step of a bare list) describes the file: it stays on top.
  const top: (string | null | undefined)[] = [doc.commentBefore];
  if (isSeq(doc.contents)) {
    const first = doc.contents.items[0];
    for (const holder of [doc.contents, isNode(first) ? first : undefined]) {
      top.push(holder?.commentBefore);
      if (holder) holder.commentBefore = undefined;
    }
  } else if (isScalar(parts.mainKey)) {
    if (parts.mainIsFirst) top.push(parts.mainKey.commentBefore);
    else (steps.key as Scalar).commentBefore = parts.mainKey.commentBefore;
  }
  out.add(steps);
  if (parts.subworkflows.length > 0) {
    const first = parts.subworkflows[0].key;
    if (isScalar(first)) first.spaceBefore = false;
    const subs = new YAMLMap();
    for (const pair of parts.subworkflows) subs.add(pair);
    out.add(new Pair(new Scalar('subworkflows'), subs));
  }
  const converted = new Document(out);
  converted.commentBefore = top.filter((c) => typeof c === 'string' && c.length > 0).join('\n') || null;
  converted.comment = doc.comment;
  const result = converted.toString({ lineWidth: 0, minContentWidth: 0 });
  checkConverted(target, result, bag);
  return { text: result, name, diagnostics: bag.sorted() };
}

interface DefinitionParts {
  readonly steps: Node;
  readonly params?: Pair;
  readonly mainKey?: unknown;
  readonly mainIsFirst?: boolean;
  readonly subworkflows: Pair[];
}

/** main's steps and params, and the subworkflows, of a native definition's top-level node. */
function definitionParts(contents: unknown): DefinitionParts | { problem: string; node?: Node; hint?: string } {
  if (isSeq(contents)) return { steps: contents, subworkflows: [] };
  if (!isMap(contents)) {
    return { problem: 'this is not a Cloud Workflows definition: it holds neither "main:" nor a list of steps', hint: 'Give a file with a top-level "main:" (params and steps) or a list of steps.' };
  }
  const keyOf = (p: Pair): string => String(isScalar(p.key) ? p.key.value : p.key);
  const main = contents.items.find((p) => keyOf(p) === 'main');
  if (!main) {
    const gdpFields = contents.items.some((p) => ['workflow_name', 'steps'].includes(keyOf(p)));
    return gdpFields
      ? { problem: "this file is already in gdp's workflow format (it has workflow_name or steps, no main)", hint: 'Copy it into configuration/workflows/ as it is.' }
      : { problem: 'this is not a Cloud Workflows definition: it has no "main:"', hint: 'A definition with subworkflows names the one that runs first "main".' };
  }
  if (!isMap(main.value)) return { problem: 'main must be a mapping of params and steps', node: main.value as Node };
  let steps: Node | undefined;
  let params: Pair | undefined;
  for (const p of main.value.items) {
    const key = keyOf(p);
    if (key === 'steps') steps = p.value as Node;
    else if (key === 'params') params = p;
    else return { problem: `main may only hold params and steps, but it holds "${key}"`, node: p.key as Node };
  }
  if (!steps || !isSeq(steps)) return { problem: 'main has no list of steps', node: main.value };
  const subworkflows = contents.items.filter((p) => p !== main);
  return { steps, params, mainKey: main.key, mainIsFirst: contents.items[0] === main, subworkflows };
}

/** Every `${` of every string, keys included, becomes `$${`: Cloud Workflows evaluates them, not gdp. */
function escapeExpressions(doc: Document): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && node.value.includes('${')) node.value = node.value.split('${').join('$${');
    },
  });
}

/** How steps are written: Cloud Workflows' `- step: {fields}`, or gdp users' `- name: step` + fields. */
export type StepForm = 'native' | 'users';

/**
 * The form most of a project's workflow files use (`texts`): the users' form when most files write
 * `- name:` steps; the native form otherwise (and when there is no file).
 */
export function prevailingForm(texts: readonly string[]): StepForm {
  const users = texts.filter((t) => /^\s*- name:\s*\S/m.test(t)).length;
  return users * 2 > texts.length ? 'users' : 'native';
}

/** Rewrites a list of native steps (at every depth) in the users' form, keeping comments and order. */
function toUsersForm(steps: unknown): void {
  if (!isSeq(steps)) return;
  steps.items = steps.items.map((item) => {
    if (!isMap(item) || item.items.length !== 1 || !isMap(item.items[0].value)) return item;
    const [pair] = item.items;
    const body = pair.value as YAMLMap;
    const out = new YAMLMap();
    out.commentBefore = [item.commentBefore, isScalar(pair.key) ? pair.key.commentBefore : undefined].filter(Boolean).join('\n') || undefined;
    out.comment = [body.comment, item.comment].filter(Boolean).join('\n') || undefined;
    const key = isScalar(pair.key) ? new Scalar(pair.key.value) : pair.key;
    out.add(new Pair(new Scalar('name'), key));
    for (const field of body.items) {
      usersFormInside(field);
      out.add(field);
    }
    return out;
  });
}

/** The nested step lists of one step field (steps, try, except, for, parallel, switch). */
function usersFormInside(field: Pair): void {
  const key = isScalar(field.key) ? String(field.key.value) : '';
  const value = field.value;
  const stepsOf = (holder: unknown): void => {
    if (isMap(holder)) toUsersForm(holder.get('steps', true));
  };
  if (key === 'steps') toUsersForm(value);
  else if (key === 'try' || key === 'except' || key === 'for') stepsOf(value);
  else if (key === 'parallel' && isMap(value)) {
    toUsersForm(value.get('branches', true));
    stepsOf(value.get('for', true));
  } else if (key === 'switch' && isSeq(value)) value.items.forEach(stepsOf);
}

/** Checks the converted file as gdp would read it; problems are positioned in the converted text. */
function checkConverted(target: string, text: string, bag: DiagnosticBag): void {
  const file = parseText(target, text, bag);
  if (!file) return;
  const parsed = WorkflowSchema.safeParse(file.value);
  if (!parsed.success) {
    reportSchemaIssues(bag, file, WorkflowSchema, parsed.error.issues);
    return;
  }
  checkDefinition(parsed.data, reporterFor(bag, file));
}
