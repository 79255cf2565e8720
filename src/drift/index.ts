/** Drift: the Terraform state of an environment against what its configuration synthesizes now. */
export { DRIFT_CODES, type DriftCode } from './codes';
export { attributeDrift, compareState, type DriftAttribute, type DriftItem, type DriftReport } from './compare';
export { renderDriftJson, renderDriftMarkdown, renderDriftText } from './render';
export { DRIFT_FOUND, runDrift, type DriftOptions, type DriftRun } from './run-drift';
export { readState, StateReadError, type StateResource } from './state';
export { unmanagedObjects } from './live';
