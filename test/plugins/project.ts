/**
 * A temporary configuration repository for plugin tests: gdp installed (a link to this repository, built
 * by `npm test` before jest), the provider bindings a plugin's types name, the bundled example, and the
 * `gdp` command run in it as a user would.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, tempDir } from '../../src/testing';

/** What a `gdp` run printed. */
export interface GdpRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Creates the project folder; returns it. */
export function pluginProject(): string {
  const dir = tempDir('gdp-plugin-project-');
  fs.mkdirSync(path.join(dir, 'node_modules'));
  fs.symlinkSync(ROOT, path.join(dir, 'node_modules', 'gdp'));
  for (const dep of ['@cdktf', 'cdktf', 'constructs', '@types']) fs.symlinkSync(path.join(ROOT, 'node_modules', dep), path.join(dir, 'node_modules', dep));
  fs.cpSync(path.join(ROOT, 'configuration'), path.join(dir, 'configuration'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'environments'), path.join(dir, 'environments'), { recursive: true });
  return dir;
}

/** Copies a plugin source folder into the project and builds it with the repository's TypeScript. */
export function buildPlugin(project: string, source: string, name: string): string {
  const target = path.join(project, 'plugins', name);
  fs.cpSync(source, target, { recursive: true, filter: (f) => !/[/\\](dist|node_modules)$/.test(f) });
  const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', target], { encoding: 'utf8' });
  if (tsc.status !== 0) throw new Error(`building ${name} failed:\n${tsc.stdout}${tsc.stderr}`);
  return target;
}

/** Runs `gdp <args>` in the project folder. */
export function gdp(project: string, ...args: string[]): GdpRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'gdp.js'), ...args], { cwd: project, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
