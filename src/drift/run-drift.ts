/** `gdp drift` as a library call: validate, synthesize in memory, read the state, compare. */
import { readFileSync } from 'node:fs';
import type { RunOptions } from '../api';
import type { Diagnostic } from '../core/diagnostics';
import type { EnvironmentName } from '../core/environment';
import type { LineSource } from '../core/format';
import { openReader, VerifyAbort } from '../verify/client';
import { environmentStack } from '../verify/environment-stack';
import { compareState, type DriftReport } from './compare';
import { unmanagedObjects, type LiveOptions } from './live';
import { readState, StateReadError } from './state';

/** Options: the project, one environment and its state file. */
export interface DriftOptions extends RunOptions {
  readonly env: EnvironmentName;
  readonly stateFile: string;
  /** Also list tables and routines in gdp datasets that gdp does not manage (needs credentials). */
  readonly live?: LiveOptions;
}

/** What a drift run found. Exit code: 0 in sync, 1 configuration errors, 2 unreadable state, 3 drift. */
export interface DriftRun {
  readonly report?: DriftReport;
  readonly diagnostics: Diagnostic[];
  readonly lines: LineSource;
  /** Set when the state cannot be read (printed with GDP830). */
  readonly stateError?: string;
  /** Set when `--live` could not read the cloud (no credentials, API failure). */
  readonly abort?: VerifyAbort;
  readonly exitCode: number;
}

/** Exit code when drift was found (0 and 1 keep their meaning across commands; 2 is a usage error). */
export const DRIFT_FOUND = 3;

/** Runs the comparison; the state is read before any other work, so a wrong path fails fast. */
export async function runDrift(options: DriftOptions): Promise<DriftRun> {
  const noLines: LineSource = () => undefined;
  let state;
  try {
    state = readState(options.stateFile, readFileSync(options.stateFile, 'utf8'));
  } catch (e) {
    if (!(e instanceof StateReadError) && !isFileError(e)) throw e;
    return { diagnostics: [], lines: noLines, stateError: e instanceof StateReadError ? e.message : `cannot read ${options.stateFile} (${(e as NodeJS.ErrnoException).code})`, exitCode: 2 };
  }
  const reader = options.live && (await openReader(options.live));
  if (reader instanceof VerifyAbort) return { diagnostics: [], lines: noLines, abort: reader, exitCode: 2 };
  const result = await environmentStack(options, options.env);
  if (!result.ok) return { diagnostics: result.diagnostics, lines: result.lines, exitCode: 1 };
  const { stack } = result;
  let report = compareState(options.env, options.stateFile, stack, state, result.sourceOf);
  if (reader) {
    try {
      report = { ...report, items: [...report.items, ...(await unmanagedObjects(stack, reader))] };
    } catch (e) {
      if (!(e instanceof VerifyAbort)) throw e;
      return { diagnostics: result.diagnostics, lines: result.lines, abort: e, exitCode: 2 };
    }
  }
  return { report, diagnostics: result.diagnostics, lines: result.lines, exitCode: report.items.length > 0 ? DRIFT_FOUND : 0 };
}

/** A file system error (not `instanceof Error` across realms, e.g. under jest: checked by shape). */
function isFileError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && typeof (e as NodeJS.ErrnoException).code === 'string';
}
