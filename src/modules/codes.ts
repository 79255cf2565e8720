/** Aggregates the diagnostic codes of every built-in module type. */
import { DATASET_CODES } from './dataset/codes';

/** Codes of the built-in module types. */
export const MODULE_CODES = {
  ...DATASET_CODES,
} as const;
