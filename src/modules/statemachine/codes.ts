import type { CodeTable } from '../../core/code-table';

/** Diagnostic codes of the statemachine module. */
export const STATEMACHINE_CODES = {
  GDP560: {
    severity: 'error',
    title: 'Workflow already has a state machine',
    hint: 'Keep one state machine file per workflow: merge the source objects and environment variables into it.',
  },
  GDP561: {
    severity: 'error',
    title: 'Illegal source bucket name',
    hint: 'Give an existing bucket name (3–63 lowercase letters, digits, "-", "_", "."), or a reference such as ${buckets.landing}.',
  },
  GDP562: {
    severity: 'error',
    title: 'Invalid environment variable name',
    hint: 'Name environment variables with a non-empty key that does not start with GOOGLE or WORKFLOWS (those are reserved by Cloud Workflows).',
  },
  GDP563: {
    severity: 'error',
    title: 'Too many environment variables',
    hint: 'Cloud Workflows accepts at most 20 environment variables per workflow: group values into one JSON string, or pass them as execution arguments.',
  },
  GDP564: {
    severity: 'error',
    title: 'Environment variable value too long',
    hint: 'Cloud Workflows accepts values of at most 4 KiB: keep large values in a bucket or pass them as execution arguments.',
  },
} as const satisfies CodeTable;

/** A code of this module. */
export type StatemachineCode = keyof typeof STATEMACHINE_CODES;
