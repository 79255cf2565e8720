/**
 * A local fake of the four Google REST APIs `gdp verify` reads: a real HTTP server on 127.0.0.1 that
 * answers GETs of the paths it was given, 404 for others, and 401 without the expected bearer token.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running fake. */
export interface FakeGoogle {
  readonly url: string;
  /** Paths requested, in order. */
  readonly requests: string[];
  close(): Promise<void>;
}

/** Starts the fake with resources by path. */
export async function startFakeGoogle(resources: ReadonlyMap<string, unknown>, token: string): Promise<FakeGoogle> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(req.url ?? '');
    requests.push(path);
    const reply = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return reply(405, { error: { code: 405, message: 'only GET' } });
    if (req.headers.authorization !== `Bearer ${token}`) return reply(401, { error: { code: 401, message: 'Request had invalid authentication credentials.' } });
    const body = resources.get(path);
    if (body === undefined) return reply(404, { error: { code: 404, message: `Not found: ${path}` } });
    reply(200, body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // fetch keeps connections alive: end them so close() does not wait for their timeout.
        server.closeAllConnections();
      }),
  };
}
