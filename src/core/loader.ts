/**
 * File-system access for a run: lists and reads the configuration and environment folders. The rest of
 * the library works on {@link RawFile}s, so tests can run in memory.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { DiagnosticBag } from './diagnostics';

/** A file's bytes with its path relative to its root folder (POSIX separators). */
export interface RawFile {
  /** Path relative to the configuration (or environments) folder, POSIX separators. */
  readonly relative: string;
  /** Path shown to the user. */
  readonly display: string;
  readonly bytes: Uint8Array;
}

/** File reads in flight at once (measure PARALLEL_READS). */
const READS_IN_FLIGHT = 64;

const SKIPPED = /(^|\/)(\.[^/]*|node_modules|README(\.[a-z]+)?|[^/]*\.md)$/i;

/** Reads every file under a folder, sorted by relative path. Missing folders are reported. */
export async function readTree(root: string, diagnostics: DiagnosticBag, what: string): Promise<RawFile[] | undefined> {
  const display = (p: string): string => {
    const rel = path.relative(process.cwd(), p);
    return (rel && !rel.startsWith('..') ? rel : p).split(path.sep).join('/');
  };
  try {
    const stat = await fs.stat(root);
    if (!stat.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
  } catch {
    diagnostics.add({ code: 'GDP100', file: display(root), message: `${what} folder ${display(root)} does not exist` });
    return undefined;
  }
  const found: { full: string; relative: string }[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    for (const e of entries) {
      const full = path.join(dir, e.name);
      const relative = path.relative(root, full).split(path.sep).join('/');
      if (SKIPPED.test(relative)) continue;
      if (e.isDirectory()) await walk(full);
      else if (e.isFile()) found.push({ full, relative });
    }
  };
  await walk(root);
  const out: RawFile[] = [];
  const read = async ({ full, relative }: { full: string; relative: string }): Promise<void> => {
    try {
      out.push({ relative, display: display(full), bytes: await fs.readFile(full) });
    } catch (err) {
      diagnostics.add({ code: 'GDP112', file: display(full), message: `cannot read the file: ${(err as Error).message}` });
    }
  };
  // Many reads in flight instead of one after the other: thousands of small files spent most of their
  // time waiting for the next read to be scheduled.
  const inFlight = READS_IN_FLIGHT;
  for (let i = 0; i < found.length; i += inFlight) await Promise.all(found.slice(i, i + inFlight).map(read));
  return out.sort((a, b) => (a.relative < b.relative ? -1 : a.relative > b.relative ? 1 : 0));
}

/** True for YAML file names. */
export function isYamlFile(name: string): boolean {
  return /\.ya?ml$/i.test(name);
}
