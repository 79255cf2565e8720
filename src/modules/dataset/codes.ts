import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the dataset module. */
export const DATASET_CODES = {
  GDP500: { severity: 'error', title: 'Invalid dataset name', hint: 'Name the file with lowercase letters, digits and "_" (e.g. sales.yaml).' },
  GDP501: { severity: 'error', title: 'Unknown BigQuery location', hint: 'Use EU, US or a BigQuery region such as europe-west4.' },
} as const satisfies CodeTable;

/** A code of this module. */
export type DatasetCode = keyof typeof DATASET_CODES;
