/** `path_pattern` helpers, shared with the workflow module (which adds the guard): see shared/path-pattern.ts. */
export { globToRegex, pathPatternProblem } from '../shared/path-pattern';
