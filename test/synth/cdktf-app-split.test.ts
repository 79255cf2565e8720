/** The app cdktf.json runs, split by GDP_SPLIT_BY: the real cdktf CLI sees the split stacks. */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { splitFromVariable } from '../../src/synth/cdktf-app';
import { ROOT, tempDir } from '../../src/testing';

function inRepository(command: string, args: string[], env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  return spawnSync(command, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', ...env } });
}

describe('the cdktf app with GDP_SPLIT_BY', () => {
  it('reads dataset or folder, none when unset, and refuses anything else', () => {
    expect(splitFromVariable(undefined)).toBeUndefined();
    expect(splitFromVariable('')).toBeUndefined();
    expect(splitFromVariable('dataset')).toBe('dataset');
    expect(splitFromVariable('folder')).toBe('folder');
    expect(splitFromVariable('region')).toBe('invalid');
  });

  it('gives the cdktf CLI the split stacks, so `cdktf deploy dv-sales` deploys one of them', () => {
    const out = tempDir('gdp-cdktf-split-');
    const r = inRepository('npx', ['--no-install', 'cdktf', 'list', '--output', out], { GDP_ENV: 'dv', GDP_SPLIT_BY: 'dataset' });
    expect(r.status).toBe(0);
    const listed = [...r.stdout.matchAll(/^(dv-[a-z-]+)\s/gm)].map((m) => m[1]).sort();
    expect(listed).toEqual(['dv-base', 'dv-customer', 'dv-landing', 'dv-sales', 'dv-shared']);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { dependencies: string[] }> };
    expect(manifest.stacks['dv-sales'].dependencies).toEqual(expect.arrayContaining(['dv-base']));
    expect(fs.existsSync(path.join(out, 'gdp-stacks.json'))).toBe(true);
  }, 120_000);

  it('refuses an unknown split before building anything', () => {
    const out = tempDir('gdp-cdktf-split-bad-');
    const r = inRepository(process.execPath, ['-r', './scripts/ts-register.js', 'src/synth/cdktf-app.ts'], { GDP_ENV: 'dv', GDP_SPLIT_BY: 'region', CDKTF_OUTDIR: out });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('GDP_SPLIT_BY="region" is not a split; use dataset or folder');
    expect(fs.readdirSync(out)).toEqual([]);
  }, 60_000);
});
