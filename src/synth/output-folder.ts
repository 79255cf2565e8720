/**
 * Ownership of the output folder: gdp lists every file it writes there (OUTPUT_LIST_FILE) and deletes
 * only files of that list, so `terraform init` files (.terraform, .terraform.lock.hcl, terraform.tfstate)
 * and anything else users put beside the stacks survive every synth. A non-empty folder without the list
 * is not gdp's and is refused, before any work; so is a path that is a file or cannot be written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Diagnostic } from '../core/diagnostics';
import { CORE_CODES } from '../core/codes';
import { MANIFEST_FILE, STACKS_FOLDER, STACK_FILE } from './cdk';

/** The list of files gdp wrote into an output folder (relative paths, POSIX separators). */
export const OUTPUT_LIST_FILE = '.gdp-output.json';
/** Prefix of the staging folders a synth builds in, followed by the pid of the process that owns it. */
export const STAGING_PREFIX = '.gdp-staging-';

/** The output folder cannot be used: a user mistake, reported as a diagnostic (exit 2). */
export class OutputFolderError extends Error {
  constructor(
    readonly code: 'GDP701' | 'GDP702',
    readonly folder: string,
    message: string,
  ) {
    super(message);
  }

  /** The diagnostic to print. */
  diagnostic(): Diagnostic {
    return { code: this.code, severity: 'error', file: this.folder, line: 1, column: 1, message: this.message, hint: CORE_CODES[this.code].hint };
  }
}

/**
 * Checks that gdp may write into `outdir` and returns the files an earlier synth wrote there (the only
 * ones it may delete). Removes staging folders that processes no longer alive left behind.
 */
export function claimOutputFolder(outdir: string): Set<string> {
  const shown = path.relative(process.cwd(), outdir) || '.';
  const stat = statOrUndefined(outdir);
  if (!stat) {
    assertWritable(nearestExisting(outdir), shown);
    return new Set();
  }
  if (!stat.isDirectory()) throw new OutputFolderError('GDP702', shown, `the output folder ${shown} is a file, not a folder`);
  assertWritable(outdir, shown);
  removeStaleStaging(outdir);
  const listed = readList(outdir);
  if (listed) return listed;
  const entries = fs.readdirSync(outdir).filter((n) => !n.startsWith(STAGING_PREFIX));
  if (entries.length === 0) return new Set();
  const adopted = cdktfLayout(outdir, entries);
  if (adopted) return adopted;
  const sample = entries.sort().slice(0, 3).join(', ') + (entries.length > 3 ? ', …' : '');
  throw new OutputFolderError('GDP701', shown, `the output folder ${shown} holds files gdp did not write (${sample}); gdp writes only into an empty folder or one it wrote before`);
}

/** Writes the list of files gdp owns in `outdir`. */
export function writeOutputList(outdir: string, files: Iterable<string>): void {
  fs.writeFileSync(path.join(outdir, OUTPUT_LIST_FILE), JSON.stringify({ files: [...files].sort() }, null, 2) + '\n');
}

/** A folder synthesized before gdp kept a list (only manifest.json and stacks/): its cdktf files are gdp's. */
function cdktfLayout(outdir: string, entries: readonly string[]): Set<string> | undefined {
  if (!entries.every((e) => e === MANIFEST_FILE || e === STACKS_FOLDER)) return undefined;
  const owned = new Set(entries.includes(MANIFEST_FILE) ? [MANIFEST_FILE] : []);
  const stacks = path.join(outdir, STACKS_FOLDER);
  if (!fs.statSync(stacks, { throwIfNoEntry: false })?.isDirectory()) return entries.includes(STACKS_FOLDER) ? undefined : owned;
  for (const stack of fs.readdirSync(stacks)) {
    if (fs.existsSync(path.join(stacks, stack, STACK_FILE))) owned.add(`${STACKS_FOLDER}/${stack}/${STACK_FILE}`);
  }
  return owned;
}

function readList(outdir: string): Set<string> | undefined {
  let text: string;
  try {
    text = fs.readFileSync(path.join(outdir, OUTPUT_LIST_FILE), 'utf8');
  } catch {
    return undefined;
  }
  let parsed: { files?: unknown };
  try {
    parsed = JSON.parse(text) as { files?: unknown };
  } catch {
    const shown = path.relative(process.cwd(), outdir) || '.';
    throw new OutputFolderError('GDP701', shown, `${OUTPUT_LIST_FILE} of the output folder ${shown} is not gdp's list of files (not JSON); delete the folder to synthesize into it again`);
  }
  const files = Array.isArray(parsed.files) ? parsed.files.filter((f): f is string => typeof f === 'string') : [];
  // Only plain relative paths: a hand-edited list never makes gdp delete outside its folder.
  return new Set(files.filter((f) => !path.isAbsolute(f) && !f.split('/').includes('..')));
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined; // missing, or a part of the path is a file (reported by assertWritable)
  }
}

/** The nearest folder above `p` that exists (where creating `p` would start). */
export function nearestExisting(p: string): string {
  let dir = path.dirname(p);
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

/** Why nothing can be written into `dir`: it is a file, or the folder is not writable; undefined when it can. */
export function unwritableFolder(dir: string): 'a file' | 'not writable' | undefined {
  const stat = statOrUndefined(dir);
  if (stat && !stat.isDirectory()) return 'a file';
  try {
    fs.accessSync(dir, fs.constants.W_OK | fs.constants.X_OK);
  } catch {
    return 'not writable';
  }
  return undefined;
}

function assertWritable(dir: string, shown: string): void {
  const problem = unwritableFolder(dir);
  if (problem === 'a file') throw new OutputFolderError('GDP702', shown, `the output folder ${shown} cannot be created: ${dir} is a file`);
  if (problem === 'not writable') throw new OutputFolderError('GDP702', shown, `the output folder ${shown} cannot be written (no write permission on ${dir})`);
}

/** True when a process with this pid runs (EPERM: it runs under another user). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Staging folders of processes that died (killed before they could clean up). */
function removeStaleStaging(outdir: string): void {
  for (const name of fs.readdirSync(outdir)) {
    if (!name.startsWith(STAGING_PREFIX)) continue;
    const pid = Number(/^\.gdp-staging-(\d+)-/.exec(name)?.[1]);
    if (Number.isInteger(pid) && pid > 0 && processAlive(pid)) continue;
    fs.rmSync(path.join(outdir, name), { recursive: true, force: true });
  }
}
