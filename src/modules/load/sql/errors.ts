/**
 * Errors of the SQL generation library. The load module validates configuration before it calls the
 * library, so anything the library rejects is a bug in gdp, never a user mistake.
 */

/** A broken invariant of the SQL library's input: a bug in the caller (reported as GDP900). */
export class SqlInternalError extends Error {
  constructor(message: string) {
    super(`internal error in SQL generation: ${message}`);
    this.name = 'SqlInternalError';
  }
}
