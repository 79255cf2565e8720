/** Aggregates the diagnostic codes of every built-in module type. */
import { DATASET_CODES } from './dataset/codes';
import { EVENTARC_TRIGGER_CODES } from './eventarc-trigger/codes';
import { LOAD_CODES } from './load/codes';
import { PROCEDURE_CODES } from './procedure/codes';
import { SCHEDULER_CODES } from './scheduler/codes';
import { STATEMACHINE_CODES } from './statemachine/codes';
import { TABLE_CODES } from './table/codes';
import { WORKFLOW_CODES } from './workflow/codes';

/** Codes of the built-in module types. */
export const MODULE_CODES = {
  ...DATASET_CODES,
  ...EVENTARC_TRIGGER_CODES,
  ...LOAD_CODES,
  ...PROCEDURE_CODES,
  ...SCHEDULER_CODES,
  ...STATEMACHINE_CODES,
  ...TABLE_CODES,
  ...WORKFLOW_CODES,
} as const;
