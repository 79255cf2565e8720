/**
 * The data-loss rule of environments (options.allow_data_loss) and its explicit opt-in: acknowledgement
 * file and --allow-data-loss flags, unused and invalid acknowledgements.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COLUMNS, PROBE, PROBE_DATASET, changeOf, environmentWith, planWorkspace, probeTable, workspace, type WorkspaceEdits } from './helpers';

/** dv allows data loss, pd does not: the probe table loses its `note` column. */
const DROP_NOTE: WorkspaceEdits = {
  both: { 'datasets/probe.yaml': PROBE_DATASET },
  base: { 'tables/probe_v1.yaml': probeTable(COLUMNS) },
  head: { 'tables/probe_v1.yaml': probeTable(COLUMNS.replace('  - name: note\n    type: STRING\n', '')) },
};

const brief = (d: { code: string; file: string; line: number; environments?: readonly string[] }): string => `${d.code} ${d.file}:${d.line}${d.environments ? ` [${d.environments.join(',')}]` : ''}`;

describe('environments that do not allow data loss', () => {
  it('fails (exit 1) on data loss in pd, and only reports it in dv', async () => {
    const ws = workspace(DROP_NOTE);
    const run = await planWorkspace(ws, { environments: ['dv', 'pd'] });
    expect(run.exitCode).toBe(1);
    expect(changeOf(run, PROBE, 'dv')).toMatchObject({ blocked: false, action: 'update' });
    expect(changeOf(run, PROBE, 'pd')).toMatchObject({ blocked: true, action: 'update' });
    expect(run.plan!.blocked).toBe(1);
    expect(run.diagnostics.map(brief)).toEqual(['GDP805 head/configuration/tables/probe_v1.yaml:1 [pd]']);
    expect(run.diagnostics[0].message).toBe(
      'google_bigquery_table.table_probe_v1: column note of table probe_v1 is dropped in place (ALTER TABLE DROP COLUMN): the data in it is lost. pd does not allow data loss (options.allow_data_loss is false) and no acknowledgement names this address',
    );
  });

  it('passes (exit 0) with --allow-data-loss pd:<address>', async () => {
    const run = await planWorkspace(workspace(DROP_NOTE), { environments: ['dv', 'pd'], allowDataLoss: [`pd:${PROBE}`] });
    expect(run.exitCode).toBe(0);
    expect(run.diagnostics).toEqual([]);
    expect(changeOf(run, PROBE, 'pd')).toMatchObject({ blocked: false, acknowledgedBy: { origin: '--allow-data-loss', reason: 'acknowledged on the command line' } });
    // dv allows data loss anyway: nothing is acknowledged there.
    expect(changeOf(run, PROBE, 'dv')?.acknowledgedBy).toBeUndefined();
  });

  it('passes with an entry in allow-data-loss.yaml, and shows who acknowledged it', async () => {
    const ws = workspace(DROP_NOTE);
    fs.writeFileSync(path.join(ws.root, 'allow-data-loss.yaml'), `allow_data_loss:\n  - address: ${PROBE}\n    environments: [pd]\n    reason: "note was never filled"\n`);
    const run = await planWorkspace(ws, { environments: ['pd'] });
    expect(run.exitCode).toBe(0);
    expect(changeOf(run, PROBE, 'pd')?.acknowledgedBy).toEqual({ origin: 'allow-data-loss.yaml:2', reason: 'note was never filled' });
  });

  it('does not let an acknowledgement for another environment through', async () => {
    const run = await planWorkspace(workspace(DROP_NOTE), { environments: ['pd'], allowDataLoss: [`np:${PROBE}`] });
    expect(run.exitCode).toBe(1);
    expect(changeOf(run, PROBE, 'pd')?.blocked).toBe(true);
  });

  it('keeps blocking when only the head side turns allow_data_loss on (both sides must allow it)', async () => {
    const ws = workspace({ ...DROP_NOTE, headEnvironments: { 'pd.json': environmentWith('pd', '"allow_data_loss": false', '"allow_data_loss": true') } });
    const run = await planWorkspace(ws, { environments: ['pd'] });
    expect(run.plan!.environments[0].allowDataLoss).toBe(false);
    expect(run.exitCode).toBe(1);
  });

  it('lets data loss through where both sides allow it', async () => {
    const allow = environmentWith('pd', '"allow_data_loss": false', '"allow_data_loss": true');
    const run = await planWorkspace(workspace({ ...DROP_NOTE, baseEnvironments: { 'pd.json': allow }, headEnvironments: { 'pd.json': allow } }), { environments: ['pd'] });
    expect(run.exitCode).toBe(0);
    expect(changeOf(run, PROBE, 'pd')?.risks.map((r) => r.code)).toEqual(['GDP812']);
  });

  it('warns about acknowledgements that match no data-losing change (GDP804)', async () => {
    const ws = workspace({ both: DROP_NOTE.both, base: DROP_NOTE.base, head: DROP_NOTE.base });
    fs.writeFileSync(path.join(ws.root, 'allow-data-loss.yaml'), `# applied last week\nallow_data_loss:\n  - address: ${PROBE}\n    reason: "old"\n`);
    const run = await planWorkspace(ws, { environments: ['pd'] });
    expect(run.exitCode).toBe(0);
    expect(run.diagnostics.map(brief)).toEqual(['GDP804 allow-data-loss.yaml:3']);
    expect(run.diagnostics[0].severity).toBe('warning');
  });

  it('reports a broken acknowledgement file with positions and fails', async () => {
    const ws = workspace(DROP_NOTE);
    fs.writeFileSync(path.join(ws.root, 'allow-data-loss.yaml'), `allow_data_loss:\n  - address: ${PROBE}\n    reasons: "typo"\n`);
    const run = await planWorkspace(ws, { environments: ['dv'] });
    expect(run.exitCode).toBe(1);
    expect(run.diagnostics.map((d) => `${d.code} ${d.file}:${d.line}:${d.column}`)).toEqual(['GDP202 allow-data-loss.yaml:2:3', 'GDP201 allow-data-loss.yaml:3:5']);
  });

  it('rejects malformed --allow-data-loss values (GDP803)', async () => {
    const run = await planWorkspace(workspace(), { allowDataLoss: ['prod:google_bigquery_table.x', 'not an address'] });
    expect(run.exitCode).toBe(1);
    expect(run.diagnostics.map((d) => d.code)).toEqual(['GDP803', 'GDP803']);
  });
});
