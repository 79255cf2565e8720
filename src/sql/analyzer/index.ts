/**
 * SQL analysis at validate time: procedure bodies (and other SQL modules hand over through the
 * `sqlBodies` hook) are parsed and type-checked with ZetaSQL against the declared tables.
 */
export { checkProjectSql, type SqlCheckOptions, type SqlCheckResult } from './analyze-project';
export { SQL_ANALYZER_CODES } from './codes';
export { SqlService, type SqlProblem } from './service';
export { SqlServerUnavailable, defaultServerBinary } from './server';
export { templateOffsetMap } from './template-offsets';
