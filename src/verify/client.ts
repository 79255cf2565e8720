/**
 * Reads Google REST resources with `fetch` and an OAuth access token. Plain REST instead of the
 * official per-service clients: the Workflows, Eventarc and Scheduler clients speak gRPC by default
 * and bring google-gax and protobuf definitions for four GET calls; one small client with
 * google-auth-library (the library the official clients use for credentials) reads all four APIs the
 * same way and is pointed at another endpoint by URL.
 */
import { readFileSync } from 'node:fs';
import { GoogleAuth } from 'google-auth-library';
import { DEFAULT_ENDPOINTS, type Endpoints, type Service } from './endpoints';

/** What a GET gave: the resource, or that it does not exist. */
export type ApiResult = { readonly found: true; readonly body: Record<string, unknown> } | { readonly found: false };

/** A problem that stops the whole check (no credentials, API unreachable or refusing). */
export class VerifyAbort extends Error {
  constructor(
    readonly code: 'GDP840' | 'GDP841',
    message: string,
  ) {
    super(message);
  }
}

/** Where the access token comes from. */
export interface CredentialOptions {
  /** A file holding an access token (e.g. `gcloud auth print-access-token > file`). */
  readonly accessTokenFile?: string;
}

/** The OAuth scope read-only checks need (every API here accepts cloud-platform.read-only or cloud-platform). */
const SCOPE = 'https://www.googleapis.com/auth/cloud-platform';

/** Gets an access token: from the file given, else application default credentials. */
export async function accessToken(options: CredentialOptions): Promise<string> {
  if (options.accessTokenFile) {
    let token: string;
    try {
      token = readFileSync(options.accessTokenFile, 'utf8').trim();
    } catch (e) {
      throw new VerifyAbort('GDP840', `cannot read the access token file ${options.accessTokenFile} (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    if (token === '') throw new VerifyAbort('GDP840', `the access token file ${options.accessTokenFile} is empty`);
    return token;
  }
  try {
    const token = await new GoogleAuth({ scopes: [SCOPE] }).getAccessToken();
    if (!token) throw new Error('no token returned');
    return token;
  } catch (e) {
    const reason = String((e as Error).message ?? e).split('\n')[0];
    throw new VerifyAbort('GDP840', `no Google credentials found (application default credentials: ${reason})`);
  }
}

/** What reading the APIs needs: credentials and, for tests or private endpoints, other API endpoints. */
export type ReaderOptions = CredentialOptions & { readonly endpoints?: Endpoints };

/** A reader with the credentials asked for, or why there is none (`gdp verify` and `drift --live` ask before any other work). */
export async function openReader(options: ReaderOptions): Promise<GoogleReader | VerifyAbort> {
  try {
    return new GoogleReader(options.endpoints ?? DEFAULT_ENDPOINTS, await accessToken(options));
  } catch (e) {
    if (e instanceof VerifyAbort) return e;
    throw e;
  }
}

/** GETs resources of the four APIs with one token. */
export class GoogleReader {
  /** Requests made, per service (the tests check the fake was really used). */
  readonly requests: string[] = [];

  constructor(
    private readonly endpoints: Endpoints,
    private readonly token: string,
  ) {}

  /** GETs `path` (starting with `/`) of a service; 404 is "not found", other failures abort. */
  async get(service: Service, path: string): Promise<ApiResult> {
    const url = this.endpoints[service] + path;
    this.requests.push(`${service} ${path}`);
    let response: Response;
    try {
      response = await fetch(url, { headers: { authorization: `Bearer ${this.token}`, accept: 'application/json' } });
    } catch (e) {
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new VerifyAbort('GDP841', `cannot reach ${this.endpoints[service]} (${cause?.code ?? cause?.message ?? String(e)})`);
    }
    if (response.status === 404) return { found: false };
    const text = await response.text();
    if (!response.ok) {
      const message = apiMessage(text);
      throw new VerifyAbort('GDP841', `${service} API answered ${response.status} to GET ${path}${message ? `: ${message}` : ''}`);
    }
    try {
      return { found: true, body: JSON.parse(text) as Record<string, unknown> };
    } catch {
      throw new VerifyAbort('GDP841', `${service} API answered GET ${path} with something that is not JSON`);
    }
  }
}

/** The message of a Google API error body (`{"error": {"message": ...}}`). */
function apiMessage(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: { message?: string } };
    return body.error?.message;
  } catch {
    return text.slice(0, 200) || undefined;
  }
}
