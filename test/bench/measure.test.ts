/** Measuring a step: the whole process tree, children of children included (e.g. the ZetaSQL server). */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { measureNode, processTree, SAMPLE_MS, treeRss } from '../../src/bench/measure';
import { tempDir } from './helpers';

const MB = 80;

/**
 * A process that starts a child that starts a grandchild; the child and the grandchild each hold MB of
 * memory, write `<name>.ready` with their pid, and stay until the file `release` exists.
 */
const holder = (name: string, next?: string): string => `
const fs = require('node:fs'), path = require('node:path');
const dir = process.env.HOLD_DIR;
const held = Buffer.alloc(${MB} * 1024 * 1024, 1);
const done = () => process.exit(held.length > 0 ? 0 : 1);
${
  next
    ? `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(next)}], { stdio: 'inherit' }).on('exit', done);`
    : `setInterval(() => fs.existsSync(path.join(dir, 'release')) && done(), 20);`
}
fs.writeFileSync(path.join(dir, '${name}.ready'), String(process.pid));
`;
const GRANDCHILD = holder('grandchild');
const CHILD = holder('child', GRANDCHILD);
const TOP = `require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(CHILD)}], { stdio: 'inherit' }).on('exit', (c) => process.exit(c ?? 0));`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function readyPid(dir: string, name: string): Promise<number> {
  const file = path.join(dir, `${name}.ready`);
  while (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') === '') await sleep(20);
  return Number(fs.readFileSync(file, 'utf8'));
}

describe('process tree measurement', () => {
  it('finds a grandchild under the process it measures and counts its memory in the tree peak', async () => {
    // GIVEN a process whose child and grandchild each hold 80 MB until released
    const dir = tempDir('gdp-measure-');
    const measuring = measureNode(['-e', TOP], dir, { ...process.env, HOLD_DIR: dir });
    const child = await readyPid(dir, 'child');
    const grandchild = await readyPid(dir, 'grandchild');
    // WHEN both hold their memory, the tree under the child holds the grandchild
    expect(processTree(child)).toEqual([child, grandchild]);
    expect(treeRss(child)).toBeGreaterThanOrEqual(2 * MB);
    // (several sampling periods pass before the release)
    await sleep(4 * SAMPLE_MS);
    fs.writeFileSync(path.join(dir, 'release'), '');
    const m = await measuring;
    // THEN the tree peak has both holders' memory; the largest single process only one
    expect(m.exitCode).toBe(0);
    expect(m.treeRssMb).toBeGreaterThanOrEqual(2 * MB);
    if (m.rssMb !== undefined) {
      expect(m.rssMb).toBeGreaterThanOrEqual(MB);
      expect(m.treeRssMb).toBeGreaterThan(m.rssMb + MB / 2);
    }
  });

  it('gives a process without children as its own tree, and nothing for a process that is gone', () => {
    expect(processTree(process.pid)).toContain(process.pid);
    expect(treeRss(2 ** 22 + 12345)).toBe(0);
  });
});
