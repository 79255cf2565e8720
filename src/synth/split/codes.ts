import type { CodeTable } from '../../core/code-table';

/** Codes of `gdp synth --split-by`. */
export const SPLIT_CODES = {
  GDP850: {
    severity: 'error',
    title: 'The stacks of a split state depend on each other',
    hint: 'Split the other way (--split-by dataset or folder), or merge the parts that need each other, so that the stacks can be applied one after the other.',
  },
} as const satisfies CodeTable;
