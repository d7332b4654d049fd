/**
 * What the bench scripts share: an API client that signs in as a device and keeps its tokens
 * fresh, gzip uploads, timing and percentiles. Used by offline-day.ts (`npm run bench`) and
 * seed-day.ts (`npm run bench:day`).
 */
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';

export interface DeviceLogin {
  email: string;
  password: string;
  device: { fingerprint: string; name: string; platform: string };
}

interface TokenPair {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  sessionId: string;
  user: { id: string; companyId: string; name: string; role: string };
}

export interface ApiResponse<T> {
  status: number;
  ok: boolean;
  /** The parsed JSON body; undefined when the body was empty or not JSON. */
  body: T | undefined;
  text: string;
  /** Wall time of the request that answered (a retry after a refresh is timed on its own). */
  ms: number;
}

export interface RequestOptions {
  /** Sent as JSON. */
  json?: unknown;
  /** Already gzipped JSON, sent with Content-Encoding: gzip. */
  gzip?: Uint8Array;
  headers?: Record<string, string>;
  /** Sign the request with the device's token (default true). */
  auth?: boolean;
}

export class HttpFailure extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly text: string,
  ) {
    super(`${method} ${path}: ${status} ${text.slice(0, 500)}`);
  }
}

// Refresh this long before the access token expires, so a long run never sees a 401.
const REFRESH_MARGIN_MS = 60_000;

/**
 * One signed-in device. Requests may run concurrently; a refresh is shared by all of them (a
 * refresh token is used once, so two refreshes at a time would revoke the session). A 401
 * refreshes (or signs in again when the refresh is refused) and retries once.
 */
export class ApiClient {
  private tokens: TokenPair | undefined;
  private renewing: Promise<void> | undefined;

  constructor(
    readonly baseUrl: string,
    readonly login: DeviceLogin,
  ) {}

  get user(): TokenPair['user'] {
    if (!this.tokens) throw new Error('not signed in');
    return this.tokens.user;
  }

  get sessionId(): string {
    if (!this.tokens) throw new Error('not signed in');
    return this.tokens.sessionId;
  }

  async signIn(): Promise<void> {
    this.tokens = await this.call<TokenPair>('POST', '/api/v1/auth/login', {
      json: this.login,
      auth: false,
    });
  }

  /** The answer whatever its status; throws only when the server could not be reached. */
  async send<T>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const auth = options.auth ?? true;
    if (auth) await this.freshToken();
    const response = await this.once<T>(method, path, options, auth);
    if (response.status !== 401 || !auth) return response;
    await this.renew();
    return this.once<T>(method, path, options, auth);
  }

  /** The parsed answer of a 2xx; anything else throws an HttpFailure. */
  async call<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send<T>(method, path, options);
    if (!response.ok) throw new HttpFailure(method, path, response.status, response.text);
    return response.body as T;
  }

  /** The Authorization header value, for requests made outside this client. */
  async authorization(): Promise<string> {
    await this.freshToken();
    return `Bearer ${this.tokens?.accessToken}`;
  }

  private async once<T>(
    method: string,
    path: string,
    options: RequestOptions,
    auth: boolean,
  ): Promise<ApiResponse<T>> {
    const headers = new Headers(options.headers);
    if (auth && this.tokens) headers.set('Authorization', `Bearer ${this.tokens.accessToken}`);
    let body: string | Uint8Array | undefined;
    if (options.gzip) {
      headers.set('Content-Type', 'application/json');
      headers.set('Content-Encoding', 'gzip');
      body = options.gzip;
    } else if (options.json !== undefined) {
      headers.set('Content-Type', 'application/json');
      body = JSON.stringify(options.json);
    }
    const start = performance.now();
    const response = await fetch(new URL(path, this.baseUrl), { method, headers, body });
    const text = await response.text();
    const ms = performance.now() - start;
    let parsed: T | undefined;
    try {
      parsed = text ? (JSON.parse(text) as T) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, ok: response.ok, body: parsed, text, ms };
  }

  private async freshToken(): Promise<void> {
    if (!this.tokens) {
      await this.renew();
      return;
    }
    if (Date.parse(this.tokens.accessTokenExpiresAt) - Date.now() < REFRESH_MARGIN_MS) {
      await this.renew();
    }
  }

  private renew(): Promise<void> {
    this.renewing ??= this.refreshOrSignIn().finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async refreshOrSignIn(): Promise<void> {
    if (this.tokens) {
      const refreshed = await this.once<TokenPair>(
        'POST',
        '/api/v1/auth/refresh',
        {
          json: {
            refreshToken: this.tokens.refreshToken,
            fingerprint: this.login.device.fingerprint,
          },
        },
        false,
      );
      if (refreshed.ok && refreshed.body) {
        this.tokens = refreshed.body;
        return;
      }
    }
    await this.signIn();
  }
}

export function gzipJson(value: unknown): Buffer {
  return gzipSync(JSON.stringify(value));
}

export async function timed<T>(work: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await work();
  return [value, performance.now() - start];
}

export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of already sorted values (p in 0..100). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarizeLatencies(values: readonly number[]): LatencySummary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

export function formatLatencies(summary: LatencySummary): string {
  if (summary.count === 0) return 'no requests';
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  return `p50 ${ms(summary.p50)}, p95 ${ms(summary.p95)}, p99 ${ms(summary.p99)}, max ${ms(summary.max)} (${summary.count} requests)`;
}

/** Runs `work` over `items` with at most `concurrency` at a time; results keep the items' order. */
export async function mapConcurrently<Item, Result>(
  items: readonly Item[],
  concurrency: number,
  work: (item: Item, index: number) => Promise<Result>,
): Promise<Result[]> {
  const results: Result[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as Item, index);
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker),
  );
  return results;
}
