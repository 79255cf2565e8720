/**
 * The explicit opt-in for data loss in environments whose `options.allow_data_loss` is false: a reviewed
 * file in the repository (`allow-data-loss.yaml` by default) and/or `--allow-data-loss [env:]address`
 * flags. An entry lets every data-losing change of that Terraform address through, in the environments
 * it names (all when it names none). Entries that match no change are reported (GDP804) so they are
 * removed once applied.
 */
import { PLAN_CODE_LOOKUP } from './codes';
import { z } from 'zod';
import { DiagnosticBag, type Diagnostic } from '../core/diagnostics';
import { ENVIRONMENT_NAMES, type EnvironmentName } from '../core/environment';
import { reportSchemaIssues } from '../core/schema-errors';
import { parseSource, type SourceFile } from '../core/source';

/** The default file, next to `configuration/` and `environments/`. */
export const ACKNOWLEDGEMENT_FILE = 'allow-data-loss.yaml';

const ADDRESS = /^[a-z][a-z0-9_]*\.[A-Za-z_][A-Za-z0-9_-]*$/;

/** One acknowledged data-losing change. */
export const AcknowledgementSchema = z
  .strictObject({
    address: z
      .string()
      .regex(ADDRESS, 'a Terraform address as printed by gdp plan, such as google_bigquery_table.table_orders_v1')
      .meta({ description: 'Terraform address of the resource whose data loss is accepted (as printed by `gdp plan`).', examples: ['google_bigquery_table.table_orders_v1'] }),
    environments: z
      .array(z.enum(ENVIRONMENT_NAMES))
      .min(1)
      .optional()
      .meta({ description: 'Environments the acknowledgement applies to; every environment when omitted.' }),
    reason: z.string().min(1).meta({ description: 'Why losing the data is acceptable (shown in the plan for reviewers).' }),
  })
  .meta({ description: 'A data-losing change that `gdp plan` may let through.' });

/** The acknowledgement file. */
export const AcknowledgementFileSchema = z
  .strictObject({
    allow_data_loss: z.array(AcknowledgementSchema).meta({ description: 'Acknowledged data-losing changes.' }),
  })
  .meta({ title: 'gdp plan acknowledgements', description: 'Data-losing changes reviewers accepted for environments that do not allow data loss.' });

/** A validated acknowledgement, with where it came from. */
export interface Acknowledgement {
  readonly address: string;
  /** Environments it applies to; undefined for all. */
  readonly environments?: readonly EnvironmentName[];
  readonly reason: string;
  /** `allow-data-loss.yaml:3` or `--allow-data-loss`. */
  readonly origin: string;
  /** Where to report it (file and line) when it matches nothing. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** Parses the acknowledgement file; shape problems are reported with positions (GDP1xx/GDP2xx). */
export function parseAcknowledgementFile(display: string, bytes: Uint8Array): { acknowledgements: Acknowledgement[]; diagnostics: Diagnostic[]; source?: SourceFile } {
  const bag = new DiagnosticBag(PLAN_CODE_LOOKUP);
  const file = parseSource(display, bytes, bag);
  if (!file) return { acknowledgements: [], diagnostics: bag.sorted() };
  if (file.value === null || file.value === undefined) return { acknowledgements: [], diagnostics: [], source: file };
  const parsed = AcknowledgementFileSchema.safeParse(file.value);
  if (!parsed.success) {
    reportSchemaIssues(bag, file, AcknowledgementFileSchema, parsed.error.issues);
    return { acknowledgements: [], diagnostics: bag.sorted(), source: file };
  }
  const acknowledgements = parsed.data.allow_data_loss.map((a, i) => {
    const pos = file.locate(['allow_data_loss', i, 'address']);
    return { ...a, origin: `${display}:${pos.line}`, file: display, line: pos.line, column: pos.column };
  });
  return { acknowledgements, diagnostics: [], source: file };
}

/** Parses `--allow-data-loss [env:]address` values; bad ones are GDP803 errors. */
export function parseAcknowledgementFlags(values: readonly string[]): { acknowledgements: Acknowledgement[]; diagnostics: Diagnostic[] } {
  const bag = new DiagnosticBag(PLAN_CODE_LOOKUP);
  const acknowledgements: Acknowledgement[] = [];
  for (const value of values) {
    const m = /^(?:([a-z]+):)?(.*)$/.exec(value)!;
    const env = m[1];
    const address = m[2];
    if ((env !== undefined && !(ENVIRONMENT_NAMES as readonly string[]).includes(env)) || !ADDRESS.test(address)) {
      bag.add({
        code: 'GDP803',
        file: '--allow-data-loss',
        message: `--allow-data-loss "${value}" is not [env:]address: env is one of ${ENVIRONMENT_NAMES.join(', ')}, address a Terraform address such as google_bigquery_table.table_orders_v1`,
      });
      continue;
    }
    acknowledgements.push({
      address,
      environments: env ? [env as EnvironmentName] : undefined,
      reason: 'acknowledged on the command line',
      origin: '--allow-data-loss',
      file: '--allow-data-loss',
      line: 1,
      column: 1,
    });
  }
  return { acknowledgements, diagnostics: bag.sorted() };
}

/** The acknowledgement that covers a change of `address` in `env`, if any. */
export function acknowledgementFor(acks: readonly Acknowledgement[], env: EnvironmentName, address: string): Acknowledgement | undefined {
  return acks.find((a) => a.address === address && (a.environments === undefined || a.environments.includes(env)));
}
