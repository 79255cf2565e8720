/** Schema evolution: a replacing table change becomes a new version, a backfill and moved readers. */
export { backfillLoad, type BackfillInput, type BackfillOutcome } from './backfill';
export { moveReaders } from './readers';
export { runEvolve, type EvolveOptions, type EvolveRun, type WrittenFile } from './run-evolve';
