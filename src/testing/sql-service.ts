/** The one ZetaSQL setup of the tests: a service started once per test file (or describe block) and stopped after it. */
import { SqlService } from '../sql/analyzer';

/** Starts a ZetaSQL service before the tests of the enclosing file or describe block and stops it after them; call the result for it. */
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
