import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';

export const defaultBodyLimitBytes = 1024 * 1024;

/**
 * A till back online uploads up to 500 sales at once (about 1–2 KB each as JSON), usually
 * gzip-compressed: that route has its own cap on the decompressed body, documented in the README.
 */
export const syncUploadLimitBytes = 8 * 1024 * 1024;

export interface BodyPolicy {
  /** The most bytes of JSON accepted, counted after decompression. */
  maxBytes: number;
  /** Whether `Content-Encoding: gzip` bodies are accepted. */
  gzip: boolean;
}

const defaultPolicy: BodyPolicy = { maxBytes: defaultBodyLimitBytes, gzip: false };

/** The routes whose bodies differ from the default: 1 MB, uncompressed. */
const policies: Record<string, BodyPolicy> = {
  '/api/v1/sync/transactions': { maxBytes: syncUploadLimitBytes, gzip: true },
};

export function bodyPolicyFor(path: string): BodyPolicy {
  return policies[path.replace(/\/+$/, '')] ?? defaultPolicy;
}

const methodsWithBody = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MB` : `${bytes / 1024} KB`;
}

function hasBody(request: Request): boolean {
  const length = request.headers.get('content-length');
  return length !== null ? Number(length) > 0 : request.body !== null;
}

function isJson(contentType: string | undefined): boolean {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase() ?? '';
  return mediaType === 'application/json' || /^application\/[\w.+-]+\+json$/.test(mediaType);
}

const tooLarge = (maxBytes: number) =>
  new ApiError('PAYLOAD_TOO_LARGE', {
    detail: { key: 'request.payloadTooLarge', params: { limit: formatBytes(maxBytes) } },
  });

/**
 * Reads the body as text, decompressing gzip on the way, and stops as soon as it passes
 * `maxBytes`: a small compressed body cannot expand into an unbounded one.
 */
async function readText(request: Request, policy: BodyPolicy, gzip: boolean): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? Number.NaN);
  if (declared > policy.maxBytes) throw tooLarge(policy.maxBytes);
  if (!request.body) return '';
  const stream = gzip ? request.body.pipeThrough(new DecompressionStream('gzip')) : request.body;
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = '';
  let received = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      received += value.byteLength;
      if (received > policy.maxBytes) {
        await reader.cancel();
        throw tooLarge(policy.maxBytes);
      }
      text += decoder.decode(value, { stream: true });
    }
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError('MALFORMED_JSON', {
      detail: { key: gzip ? 'request.malformedGzip' : 'request.malformedJson' },
      cause: error,
    });
  }
  return text + decoder.decode();
}

/**
 * Guards every API body before a handler sees it: JSON only, within the route's size cap (see
 * `policies`), gzip only where allowed, and parseable. The text and its parsed JSON are handed to
 * Hono's body cache, so validators read the decompressed JSON and nothing is read or parsed twice.
 */
export function jsonBody(policyFor: (path: string) => BodyPolicy = bodyPolicyFor) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!methodsWithBody.has(c.req.method) || !hasBody(c.req.raw)) return next();
    if (!isJson(c.req.header('Content-Type'))) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
        detail: { key: 'request.unsupportedMediaType' },
      });
    }
    const policy = policyFor(c.req.path);
    const encoding = c.req.header('Content-Encoding')?.trim().toLowerCase() || 'identity';
    const gzip = encoding === 'gzip' && policy.gzip;
    if (encoding !== 'identity' && !gzip) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
        detail: { key: 'request.unsupportedEncoding', params: { encoding } },
      });
    }
    const text = await readText(c.req.raw, policy, gzip);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ApiError('MALFORMED_JSON', {
        detail: { key: 'request.malformedJson' },
        cause: error,
      });
    }
    // Hono caches the promise of each body reader (its type says the reader itself): the text,
    // and the JSON already parsed here, so an 8 MB upload is not parsed a second time.
    Object.assign(c.req.bodyCache, { text: Promise.resolve(text), json: Promise.resolve(json) });
    return next();
  });
}
