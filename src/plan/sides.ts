/**
 * The two sides of a plan: a configuration folder, or a git commit whose `configuration/` (and
 * `environments/`, when the commit has it) is extracted with `git archive` into a temporary folder,
 * read exactly as a folder is read, and removed again. Files of a commit are shown as
 * `<ref>:configuration/tables/x.yaml`.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DiagnosticBag, type Diagnostic } from '../core/diagnostics';
import { readTree, type RawFile } from '../core/loader';
import { PLAN_CODE_LOOKUP, type PlanCode } from './codes';
import type { SideInfo } from './model';

/** A usage problem (exit code 2): a side that is neither a folder nor a commit, a bad plan file. */
export class PlanUsageError extends Error {
  constructor(
    readonly code: PlanCode,
    message: string,
  ) {
    super(message);
  }
}

/** Where the folders are: the working tree's, and (relative to the repository root) inside commits. */
export interface SideLocations {
  /** Working directory (git commands run here; relative paths resolve from here). */
  readonly cwd: string;
  /** The working tree's configuration folder (default `./configuration`). */
  readonly configDir: string;
  /** The working tree's environments folder; used for commits that have none. */
  readonly environmentsDir: string;
}

/** A side's files, read and ready to compile. */
export interface LoadedSide {
  readonly info: SideInfo;
  readonly configFiles: readonly RawFile[];
  readonly environmentFiles: readonly RawFile[];
  /** Missing folders, unreadable files. */
  readonly diagnostics: readonly Diagnostic[];
  /** Notes for the reader (`the commit has no configuration/ folder: everything is new`). */
  readonly notes: readonly string[];
  /** Reads a file of this side given its working-tree path (a commit's version for git sides). */
  readonly readFile: (localPath: string) => { display: string; bytes: Uint8Array } | undefined;
}

function git(cwd: string, args: readonly string[], input?: Buffer): { ok: boolean; stdout: Buffer; stderr: string } {
  const r = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
  return { ok: r.status === 0, stdout: r.stdout ?? Buffer.alloc(0), stderr: r.stderr?.toString('utf8') ?? (r.error?.message ?? '') };
}

/** POSIX path of a working-tree path relative to the repository root. */
function repoPath(top: string, cwd: string, localPath: string): string {
  return path.relative(top, path.resolve(cwd, localPath)).split(path.sep).join('/');
}

/** Reads one side: a folder when `spec` is one, otherwise a git commit. */
export async function loadSide(spec: string, where: SideLocations): Promise<LoadedSide> {
  const folder = path.resolve(where.cwd, spec);
  if (fs.existsSync(folder) && fs.statSync(folder).isDirectory()) return loadFolder(spec, folder, where);
  return loadCommit(spec, where);
}

/**
 * A folder side: the working tree's configuration reads --environments; any other configuration folder
 * reads the `environments/` folder beside it when there is one (two checkouts compare completely),
 * otherwise --environments too.
 */
async function loadFolder(spec: string, folder: string, where: SideLocations): Promise<LoadedSide> {
  const bag = new DiagnosticBag(PLAN_CODE_LOOKUP);
  const workingTree = folder === path.resolve(where.cwd, where.configDir);
  const beside = path.join(path.dirname(folder), 'environments');
  const useBeside = !workingTree && fs.existsSync(beside) && fs.statSync(beside).isDirectory();
  const [configFiles, environmentFiles] = await Promise.all([
    readTree(folder, bag, 'configuration'),
    readTree(useBeside ? beside : path.resolve(where.cwd, where.environmentsDir), bag, 'environments'),
  ]);
  const shown = path.relative(where.cwd, folder) || '.';
  return {
    info: { spec, kind: 'folder', label: workingTree ? `working tree (${shown})` : `folder ${shown}` },
    configFiles: configFiles ?? [],
    environmentFiles: environmentFiles ?? [],
    diagnostics: bag.sorted(),
    notes: [],
    readFile: (localPath) => {
      const file = path.resolve(where.cwd, localPath);
      return fs.existsSync(file) ? { display: path.relative(where.cwd, file) || file, bytes: fs.readFileSync(file) } : undefined;
    },
  };
}

async function loadCommit(spec: string, where: SideLocations): Promise<LoadedSide> {
  const { cwd } = where;
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new PlanUsageError('GDP800', `"${spec}" is not a folder, and ${cwd} is not inside a git repository, so it is not a commit either`);
  const resolved = git(cwd, ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`]);
  if (!resolved.ok) throw new PlanUsageError('GDP800', `"${spec}" is neither a folder nor a commit, branch or tag of the repository at ${top.stdout.toString().trim()}`);
  const root = top.stdout.toString('utf8').trim();
  const commit = resolved.stdout.toString('utf8').trim();
  const exists = (rel: string): boolean => git(cwd, ['cat-file', '-e', `${commit}:${rel}`]).ok;
  const configRel = repoPath(root, cwd, where.configDir);
  const environmentsRel = repoPath(root, cwd, where.environmentsDir);
  const notes: string[] = [];
  const bag = new DiagnosticBag(PLAN_CODE_LOOKUP);
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'gdp-plan-side-'));
  try {
    const extract = async (rel: string, what: string): Promise<RawFile[]> => {
      const archive = git(cwd, ['archive', '--format=tar', commit, '--', rel]);
      if (!archive.ok) throw new Error(`git archive ${spec} ${rel} failed: ${archive.stderr.trim()}`);
      const tar = spawnSync('tar', ['-x', '-C', temp], { input: archive.stdout, maxBuffer: 64 * 1024 * 1024 });
      if (tar.status !== 0) throw new Error(`extracting ${rel} of ${spec} failed: ${tar.stderr?.toString('utf8') ?? tar.error?.message}`);
      const files = (await readTree(path.join(temp, rel), bag, what)) ?? [];
      return files.map((f) => ({ ...f, display: `${spec}:${rel}/${f.relative}` }));
    };
    const configFiles = exists(configRel) ? await extract(configRel, 'configuration') : [];
    if (!exists(configRel)) notes.push(`${spec} has no ${configRel}/ folder: every resource is new`);
    let environmentFiles: RawFile[];
    if (exists(environmentsRel)) environmentFiles = await extract(environmentsRel, 'environments');
    else {
      notes.push(`${spec} has no ${environmentsRel}/ folder: the working tree's environments are used for it`);
      environmentFiles = (await readTree(path.resolve(cwd, where.environmentsDir), bag, 'environments')) ?? [];
    }
    return {
      info: { spec, kind: 'git', commit, label: `${spec} (${commit.slice(0, 7)})` },
      configFiles,
      environmentFiles,
      diagnostics: bag.sorted(),
      notes,
      readFile: (localPath) => {
        const rel = repoPath(root, cwd, localPath);
        const shown = git(cwd, ['show', `${commit}:${rel}`]);
        return shown.ok ? { display: `${spec}:${rel}`, bytes: shown.stdout } : undefined;
      },
    };
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}
