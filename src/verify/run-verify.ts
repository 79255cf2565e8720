/**
 * `gdp verify` as a library call: validate, synthesize the environment in memory, read every resource
 * with Google's APIs and compare. Exit codes: 0 everything as configured, 1 configuration errors,
 * 2 usage errors, no credentials or API failures, 3 resources missing or different.
 */
import type { RunOptions } from '../api';
import type { Diagnostic } from '../core/diagnostics';
import type { EnvironmentName } from '../core/environment';
import type { LineSource } from '../core/format';
import { openReader, VerifyAbort, type CredentialOptions } from './client';
import type { Endpoints } from './endpoints';
import { environmentStack } from './environment-stack';
import { expectedChecks, type Difference } from './expected';

/** Options: the project, one environment, credentials and endpoints. */
export interface VerifyOptions extends RunOptions, CredentialOptions {
  readonly env: EnvironmentName;
  readonly endpoints?: Endpoints;
}

/** What was found for one resource. */
export interface CheckResult {
  readonly noun: string;
  readonly name: string;
  readonly address: string;
  readonly source?: string;
  readonly status: 'ok' | 'missing' | 'differs';
  readonly differences: readonly Difference[];
}

/** The outcome of one environment's verification. */
export interface VerifyReport {
  readonly env: EnvironmentName;
  readonly results: readonly CheckResult[];
}

/** A run: the report, or why there is none. */
export interface VerifyRun {
  readonly report?: VerifyReport;
  readonly diagnostics: Diagnostic[];
  readonly lines: LineSource;
  readonly abort?: VerifyAbort;
  readonly exitCode: number;
}

/** Exit code when something deployed is missing or different. */
export const VERIFY_DIFFERENCES = 3;

/** Resources read at the same time. */
const CONCURRENCY = 8;

/** Runs the verification; credentials are looked up before any other work. */
export async function runVerify(options: VerifyOptions): Promise<VerifyRun> {
  const noLines: LineSource = () => undefined;
  const reader = await openReader(options);
  if (reader instanceof VerifyAbort) return { diagnostics: [], lines: noLines, abort: reader, exitCode: 2 };
  const result = await environmentStack(options, options.env);
  if (!result.ok) return { diagnostics: result.diagnostics, lines: result.lines, exitCode: 1 };
  const { stack, sourceOf } = result;
  const checks = expectedChecks(stack);
  const results: CheckResult[] = new Array(checks.length);
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < checks.length) {
        const i = next++;
        const check = checks[i];
        const got = await reader.get(check.service, check.path);
        const differences = got.found ? check.compare(got.body) : [];
        const source = sourceOf(check.address.slice(check.address.indexOf('.') + 1));
        results[i] = { noun: check.noun, name: check.name, address: check.address, source, status: !got.found ? 'missing' : differences.length > 0 ? 'differs' : 'ok', differences };
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, checks.length) }, worker));
  } catch (e) {
    if (!(e instanceof VerifyAbort)) throw e;
    return { diagnostics: result.diagnostics, lines: result.lines, abort: e, exitCode: 2 };
  }
  const report = { env: options.env, results };
  return { report, diagnostics: result.diagnostics, lines: result.lines, exitCode: results.some((r) => r.status !== 'ok') ? VERIFY_DIFFERENCES : 0 };
}
