import { formatText, visible } from '../../src/core/format';
import { lineSource } from '../../src/api';
import { compileFiles, errors, rawFile } from '../../src/testing';
import { SALES } from '../synth/helpers';

const TABLE = 'table_id: orders\ndataset: sales\nversion: 1\ndescription: d\nschema:\n  - name: id\n    type: STRING\n';
const brief = (files: Record<string, string | Uint8Array>, environments: ('dv' | 'qa' | 'np' | 'pd')[] = ['dv']): string[] =>
  errors(compileFiles(files, { environments })).map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`);

describe('hostile input: noise', () => {
  it('reports a broken dataset file once, without follow-on "no dataset named" errors', () => {
    expect(brief({ 'datasets/sales.yaml': `${SALES}bogus_field: 1\n`, 'tables/orders_v1.yaml': TABLE })).toEqual(['GDP201 configuration/datasets/sales.yaml:5:1']);
    expect(brief({ 'datasets/sales.yaml': 'confidentiality: [\n', 'tables/orders_v1.yaml': TABLE }).map((s) => s.split(' ')[0])).toEqual(['GDP101']);
    // AND a reference to a dataset that does not exist at all is still reported
    expect(brief({ 'tables/orders_v1.yaml': TABLE })).toEqual(['GDP308 configuration/tables/orders_v1.yaml:2:10']);
  });

  it('reports an unknown reference once for all environments', () => {
    const found = errors(compileFiles({ 'datasets/sales.yaml': `${SALES}friendly_name: "\${nothing_here}"\n` }));
    expect(found.map((d) => `${d.code} ${d.environments?.join(',') ?? 'all'}`)).toEqual(['GDP301 dv,qa,np,pd']);
  });

  it('does not add a false ${date} error to an invalid time zone', () => {
    const workflow = 'workflow_name: w\nsteps:\n  - name: a\n    return: 1\n';
    const scheduler = (zone: string): string =>
      `name: nightly\nschedule: "0 1 * * *"\ntimezone: "${zone}"\nhttp_target:\n  uri: \${workflows.w.trigger_url}\n  http_method: POST\n  headers:\n    Content-Type: application/json\n  body: '{"d": "\${date}"}'\n`;
    expect(brief({ 'workflows/w.yaml': workflow, 'triggers/schedulers/n.yaml': scheduler('Central European') }).map((s) => s.split(' ')[0])).toEqual(['GDP581']);
    expect(brief({ 'workflows/w.yaml': workflow, 'triggers/schedulers/n.yaml': scheduler('Europe/Paris') })).toEqual([]);
  });

  it('reports a UTF-8 encoded surrogate at its byte, and an escaped lone surrogate as not text', () => {
    const bytes = Buffer.concat([Buffer.from(`${SALES}friendly_name: "ab`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('cd"\n')]);
    const invalid = errors(compileFiles({ 'datasets/sales.yaml': bytes }, { environments: ['dv'] }));
    expect(invalid.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(['GDP104 5:19']);
    expect(invalid[0].message).toMatch(/^byte 0xed /);
    const escaped = errors(compileFiles({ 'datasets/sales.yaml': `${SALES}friendly_name: "ab\\ud800cd"\n` }, { environments: ['dv'] }));
    expect(escaped.map((d) => d.code)).toEqual(['GDP117']);
    expect(escaped[0].message).toContain('U+D800, half of a UTF-16 surrogate pair');
  });

  it('says "must match pattern" once, not "must be must match pattern"', () => {
    const environmentFiles = [rawFile('dv.json', JSON.stringify({ name: 'dv', project_id: 'acme-data-dv', region: 'europe-west4', app_name: 'acme', state: { bucket: 'b-dv' }, naming: { region_code: 'EW_4' } }), 'environments')];
    const found = errors(compileFiles({}, { environmentFiles, environments: ['dv'] }));
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(/^naming\.region_code must match pattern/) as string]);
  });

  it('prints control characters of a file visibly in excerpts and messages, keeping the caret aligned', () => {
    const text = `${SALES}friendly_name: "\u001b[31mred"\n`;
    const result = compileFiles({ 'datasets/sales.yaml': text }, { environments: ['dv'] });
    const printed = formatText(result.diagnostics, lineSource([rawFile('datasets/sales.yaml', text)]));
    expect(printed).not.toContain('\u001b');
    expect(printed).toContain('friendly_name: "␛[31mred"');
    expect(visible('a\u0000b\u007fc\nd')).toBe('a␀b␡c\nd');
  });
});
