/** The one ZetaSQL setup of the SQL tests: a service started once per test file and stopped after it. */
import { SqlService } from '../../src/sql/analyzer';

/** Starts a ZetaSQL service before the file's tests and stops it after them; call the result for it. */
export function useSqlService(): () => SqlService {
  let service: SqlService | undefined;
  beforeAll(async () => {
    service = await SqlService.start();
  });
  afterAll(async () => {
    await service?.close();
  });
  return () => {
    if (!service) throw new Error('the ZetaSQL service is used before beforeAll started it');
    return service;
  };
}
