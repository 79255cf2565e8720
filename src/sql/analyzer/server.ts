/**
 * The ZetaSQL server process (shipped as a native binary in `@fivetrandevelopers/zetasql`): started
 * once per run on a free loopback port, reached over gRPC, and always killed (after the run, on exit
 * and on SIGINT/SIGTERM) so it never outlives gdp.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { diesWithParent, killOnExit } from '../../core/child-lifetime';
import { accessSync, constants } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';

/** The server cannot be used; the message says why (shown in the "SQL not checked" warning). */
export class SqlServerUnavailable extends Error {
  /** `hint`: what to do instead, when the default hint of GDP629 (reinstall) does not help. */
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The platforms @fivetrandevelopers/zetasql ships a server binary for. */
export const SQL_CHECK_PLATFORMS = 'Linux and macOS on x64 and arm64';

/** A failed RPC: `code` is the gRPC status (3 = the SQL is invalid, 14 = the server is gone). */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(details);
  }
}

/** gRPC status codes that mean the server itself failed, not the SQL. */
const SERVER_FAILURE_CODES = new Set([1, 4, 14]);

/** Options of {@link ZetaSqlServer.start}. */
export interface ZetaSqlServerOptions {
  /** Path of the server binary; default: the one for this platform in the npm package. */
  readonly binary?: string;
  /** How long to wait for the first successful RPC (ms); default 20 s. */
  readonly startTimeoutMs?: number;
}

type Callback = (error: (Error & { code?: number; details?: string }) | null, response: unknown) => void;
/** A method of the generated service: its path and the package's (protobufjs, all defaults filled in) codecs. */
interface MethodDefinition {
  readonly path: string;
  requestSerialize(request: object): Buffer;
  responseDeserialize(response: Buffer): unknown;
}
type Identity = (x: Buffer) => Buffer;
type GrpcApi = Record<string, (request: object, options: { deadline: number }, callback: Callback) => void> & {
  close(): void;
  makeUnaryRequest(path: string, serialize: Identity, deserialize: Identity, request: Buffer, options: { deadline: number }, callback: Callback): void;
  constructor: { service: Record<string, MethodDefinition> };
};
const identity: Identity = (x) => x;

/** The server binary of this platform in the installed npm package (the package's own choice). */
export function defaultServerBinary(): string {
  const arch = process.arch === 'arm64' ? '_arm' : process.arch === 'x64' ? '' : undefined;
  const ext = process.platform === 'darwin' ? '' : process.platform === 'linux' ? '.so' : undefined;
  if (arch === undefined || ext === undefined) {
    throw new SqlServerUnavailable(
      `the ZetaSQL server is only built for ${SQL_CHECK_PLATFORMS}, not ${process.platform}-${process.arch}`,
      'Nothing to fix here: the rest of validation ran. Pass --no-sql-check to skip the SQL check (and this warning) on this machine; run gdp validate on Linux or macOS (CI, WSL) to have the SQL checked.',
    );
  }
  let dir: string;
  try {
    dir = path.dirname(require.resolve('@fivetrandevelopers/zetasql/package.json'));
  } catch {
    throw new SqlServerUnavailable('the npm package @fivetrandevelopers/zetasql is not installed');
  }
  return path.join(dir, 'lib', 'zetasql', `remote_server${arch}${ext}`);
}

/** What a child process did: why it stopped (when it did) and the end of its stderr. */
interface ProcessWatch {
  exit?: string;
  stderr: string;
}

function watch(child: ChildProcess): ProcessWatch {
  const w: ProcessWatch = { stderr: '' };
  child.stdout?.on('data', () => undefined);
  child.stderr?.on('data', (d: Buffer) => {
    w.stderr = (w.stderr + d.toString('utf8')).slice(-2000);
  });
  child.on('exit', (code, signal) => {
    w.exit = signal ? `it was killed by ${signal}` : `it exited with code ${code}`;
    const last = w.stderr.trim().split('\n').filter(Boolean).pop();
    if (last) w.exit += ` (${last.trim()})`;
  });
  return w;
}

/**
 * The server binary to start (`binary`, or this platform's), once it is known to be there and executable;
 * throws {@link SqlServerUnavailable} otherwise. Costs no process: a run whose SQL results are all cached
 * asks it, so that it reports an unusable analyzer exactly as a run without the cache does.
 */
export function usableServerBinary(binary?: string): string {
  const chosen = binary ?? defaultServerBinary();
  try {
    accessSync(chosen, constants.X_OK);
  } catch {
    throw new SqlServerUnavailable(`the ZetaSQL server binary ${chosen} is missing or not executable`);
  }
  return chosen;
}

/** A running ZetaSQL server and the gRPC client connected to it. */
export class ZetaSqlServer {
  private constructor(
    private readonly child: ChildProcess,
    private readonly watched: ProcessWatch,
    private readonly api: GrpcApi,
    private readonly cleanup: () => void,
  ) {}

  /** Starts a server and waits until it answers; throws {@link SqlServerUnavailable} when it cannot. */
  static async start(options: ZetaSqlServerOptions = {}): Promise<ZetaSqlServer> {
    const binary = usableServerBinary(options.binary);
    const port = await freePort();
    const start = diesWithParent(binary, ['localhost', String(port)]);
    const child = spawn(start.command, start.args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const watched = watch(child);
    const cleanup = killOnExit(child);
    const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
    let server: ZetaSqlServer | undefined;
    try {
      // Deep import: the package index also loads helpers gdp does not use. Loading the protos takes ~0.4 s.
      const { ZetaSQLClient } = await import('@fivetrandevelopers/zetasql/lib/ZetaSQLClient');
      ZetaSQLClient.init(port);
      server = new ZetaSqlServer(child, watched, ZetaSQLClient.API as unknown as GrpcApi, cleanup);
      const failed = await Promise.race([server.waitReady(options.startTimeoutMs ?? 20_000), spawnError]);
      if (failed instanceof Error) throw new SqlServerUnavailable(`the ZetaSQL server ${binary} could not start: ${failed.message}`);
      return server;
    } catch (e) {
      if (server) await server.close();
      else {
        cleanup();
        child.kill('SIGKILL');
      }
      if (e instanceof SqlServerUnavailable) throw e;
      throw new SqlServerUnavailable(`the ZetaSQL server ${binary} could not start: ${(e as Error).message}`);
    }
  }

  /** Why the server stopped, or undefined while it runs. */
  get stopped(): string | undefined {
    return this.watched.exit;
  }

  /** Calls an RPC of the ZetaSQL local service; rejects with {@link RpcError}. */
  call<T>(method: string, request: object, timeoutMs = 60_000): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (this.watched.exit) {
        reject(new RpcError(14, `the ZetaSQL server stopped: ${this.watched.exit}`));
        return;
      }
      this.api[method](request, { deadline: Date.now() + timeoutMs }, this.settle(resolve as (r: unknown) => void, reject));
    });
  }

  /**
   * Encodes (part of) a request of an RPC (`Analyze`, by its name in the service). Protobuf parsers merge
   * a message field that occurs twice, so the bytes of requests that share a part (the language options)
   * can be the part encoded once followed by the rest: encoding the options costs more than an analysis.
   */
  encode(method: string, request: object): Buffer {
    return this.api.constructor.service[method].requestSerialize(request);
  }

  /**
   * Calls an RPC with an encoded request and resolves with the response undecoded: decoding a resolved
   * tree (every field filled in) costs more than the server's analysis, and most callers only need to
   * know the SQL was valid. {@link decode} decodes it when needed.
   */
  callEncoded(method: string, request: Buffer, timeoutMs = 60_000): Promise<Buffer> {
    return new Promise<Buffer>((resolve, reject) => {
      if (this.watched.exit) {
        reject(new RpcError(14, `the ZetaSQL server stopped: ${this.watched.exit}`));
        return;
      }
      const { path } = this.api.constructor.service[method];
      this.api.makeUnaryRequest(path, identity, identity, request, { deadline: Date.now() + timeoutMs }, this.settle(resolve as (r: unknown) => void, reject));
    });
  }

  /** Decodes the response of an RPC made with {@link callEncoded}, as {@link call} would have. */
  decode<T>(method: string, response: Buffer): T {
    return this.api.constructor.service[method].responseDeserialize(response) as T;
  }

  private settle(resolve: (r: unknown) => void, reject: (e: RpcError) => void): Callback {
    return (error, response) => {
      if (!error) resolve(response);
      else {
        const code = error.code ?? 2;
        const details = error.details ?? error.message;
        reject(new RpcError(code, SERVER_FAILURE_CODES.has(code) && this.watched.exit ? `the ZetaSQL server stopped: ${this.watched.exit}` : details));
      }
    };
  }

  /** True when an error means the server failed or is gone (not the SQL, and not a bug in gdp). */
  static isServerFailure(e: unknown): boolean {
    return e instanceof RpcError && SERVER_FAILURE_CODES.has(e.code);
  }

  /** Closes the client and kills the server. */
  async close(): Promise<void> {
    this.cleanup();
    try {
      this.api.close();
    } catch {
      // already closed
    }
    if (this.watched.exit) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    if (!this.watched.exit) this.child.kill('SIGKILL');
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.watched.exit) throw new SqlServerUnavailable(`the ZetaSQL server stopped while starting: ${this.watched.exit}`);
      try {
        await this.call('getLanguageOptions', { maximumFeatures: true }, 2000);
        return;
      } catch (e) {
        if (this.watched.exit) throw new SqlServerUnavailable(`the ZetaSQL server stopped while starting: ${this.watched.exit}`);
        if (!(e instanceof RpcError) || ![14, 4].includes(e.code)) throw e;
        if (Date.now() > until) throw new SqlServerUnavailable(`the ZetaSQL server did not answer within ${Math.round(timeoutMs / 1000)} s`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
  }
}

/** A free TCP port on the loopback interface (the server binds it a moment later; a small race). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

