/**
 * The corpus of native Cloud Workflows files (test/corpus/native-workflows) covers the whole syntax.
 * Each file is imported with `gdp import workflow`, validated for every environment, synthesized into a
 * real CDKTF stack, and the source_contents of that stack is compared with the written file: value for
 * value and type for type (int vs double, string vs timestamp), read by a YAML 1.1 reader.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { importNativeWorkflow } from '../../src/modules/workflow/import-native';
import { compileFiles, errors } from '../../src/testing';
import { synthOne } from '../synth/helpers';

const CORPUS = path.join(__dirname, 'native-workflows');
const files = fs.readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort();

/** A YAML node as typed data: mappings as ordered [key, value] pairs, numbers tagged int or double. */
function typed(node: unknown): unknown {
  if (isMap(node)) return { map: node.items.map((p) => [String(isScalar(p.key) ? p.key.value : p.key), typed(p.value)]) };
  if (isSeq(node)) return { list: node.items.map(typed) };
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') return { [/[.eE]/.test(node.source ?? '') || (node.minFractionDigits ?? 0) > 0 ? 'double' : 'int']: v };
    if (v === null) return { null: null };
    return { [typeof v]: v instanceof Date ? 'a timestamp' : v };
  }
  return { other: String(node) };
}

/** The written definition as Cloud Workflows reads it: a bare list of steps is main's steps. */
function writtenDefinition(text: string): unknown {
  const t = typed(parseDocument(text).contents);
  return (t as { list?: unknown }).list ? { map: [['main', { map: [['steps', t]] }]] } : t;
}

describe('native Cloud Workflows corpus: import, validate, synthesize, round-trip', () => {
  it('has a file for each part of the syntax', () => {
    expect(files.length).toBeGreaterThanOrEqual(6);
  });

  const cases = files.flatMap((file) => (['native', 'users'] as const).map((form) => [file, form] as const));
  it.each(cases)('%s imported with %s-form steps deploys exactly what was written', (file, form) => {
    const text = fs.readFileSync(path.join(CORPUS, file), 'utf8');
    const name = file.replace(/\.yaml$/, '');
    // GIVEN the file imported into gdp's format
    const imported = importNativeWorkflow(file, text, name, `configuration/workflows/${file}`, form);
    expect(/^\s*- name: /m.test(imported.text!)).toBe(form === 'users');
    expect(imported.diagnostics).toEqual([]);
    // WHEN validated for every environment and synthesized
    const result = compileFiles({ [`workflows/${file}`]: imported.text! });
    expect(errors(result)).toEqual([]);
    const stack = synthOne(result.project, 'dv');
    const workflow = stack.resource?.google_workflows_workflow?.[`workflow_${name}`] as { source_contents: string };
    // THEN Cloud Workflows receives (Terraform turns $${ into ${) the written definition, typed the same
    const deployed = workflow.source_contents.split('$${').join('${');
    expect(typed(parseDocument(deployed, { version: '1.1' }).contents)).toEqual(writtenDefinition(text));
  });
});
