/** The `source_objects` guard, shared with the workflow module (which adds it): see shared/source-guard.ts. */
export { escapeRe2, GUARD_PREFIX, sourceObjectGuardSteps, sourceObjectPattern, type SourceObjectFilter } from '../shared/source-guard';
