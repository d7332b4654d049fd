import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';
import { translate } from '../lib/messages';
import { firstUnstorableText } from '../lib/storable-text';
import { formatPath } from '../lib/validation';

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

/**
 * The deepest nesting of arrays and objects a body may have. Our deepest body (a batch of sales
 * with their lines and options) nests 5 levels; thousands of levels would make every walk of
 * the value (validation, hashing) recurse until the isolate dies and drops the connection.
 */
export const maxJsonDepth = 32;

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
 * Whether JSON text nests arrays and objects deeper than `limit`, found before parsing. Strings
 * are skipped with indexOf (a bracket inside one does not count), so the scan touches little
 * more than the structure. Malformed text is left for JSON.parse to report.
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 0x22) {
      let end = index;
      do {
        end = text.indexOf('"', end + 1);
        if (end === -1) return false;
      } while (isEscaped(text, end));
      index = end;
    } else if (char === 0x5b || char === 0x7b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) {
      depth -= 1;
    }
  }
  return false;
}

/** Whether the quote at `at` is preceded by an odd number of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  for (let index = at - 1; text.charCodeAt(index) === 0x5c; index--) backslashes += 1;
  return backslashes % 2 === 1;
}

/** JSON escapes that may decode to a NUL or to half of a surrogate pair: worth a closer look. */
const suspiciousEscape = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * Guards every API body before a handler sees it: JSON only, within the route's size cap (see
 * `policies`), gzip only where allowed, nested at most `maxJsonDepth` levels, parseable, and
 * holding no text Postgres cannot store (storable-text.ts). The text and its parsed JSON are handed to
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
    if (nestsDeeperThan(text, maxJsonDepth)) {
      throw new ApiError('MALFORMED_JSON', {
        detail: { key: 'request.jsonTooDeep', params: { limit: maxJsonDepth } },
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new ApiError('MALFORMED_JSON', {
        detail: { key: 'request.malformedJson' },
        cause: error,
      });
    }
    const unstorable = suspiciousEscape.test(text) ? firstUnstorableText(json) : undefined;
    if (unstorable) {
      const language = c.get('language');
      throw new ApiError('VALIDATION_FAILED', {
        detail: { key: 'request.validationFailed', params: { count: 1 } },
        errors: [
          {
            path: formatPath(unstorable),
            code: 'unstorable_text',
            message: translate({ key: 'validation.unstorableText' }, language),
          },
        ],
      });
    }
    // Hono caches the promise of each body reader (its type says the reader itself): the text,
    // and the JSON already parsed here, so an 8 MB upload is not parsed a second time.
    Object.assign(c.req.bodyCache, { text: Promise.resolve(text), json: Promise.resolve(json) });
    return next();
  });
}
