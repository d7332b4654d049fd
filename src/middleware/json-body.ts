import { bodyLimit } from 'hono/body-limit';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError } from '../lib/errors';

export const defaultBodyLimitBytes = 1024 * 1024;

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

/**
 * Guards every API body before a handler sees it: at most `maxBytes`, JSON only, and
 * parseable. The parsed body is cached by Hono, so the validator does not parse it again.
 */
export function jsonBody(maxBytes: number = defaultBodyLimitBytes) {
  const limit = bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError('PAYLOAD_TOO_LARGE', {
        detail: { key: 'request.payloadTooLarge', params: { limit: formatBytes(maxBytes) } },
      });
    },
  });

  const parse = createMiddleware<AppEnv>(async (c, next) => {
    if (!methodsWithBody.has(c.req.method) || !hasBody(c.req.raw)) return next();
    if (!isJson(c.req.header('Content-Type'))) {
      throw new ApiError('UNSUPPORTED_MEDIA_TYPE', {
        detail: { key: 'request.unsupportedMediaType' },
      });
    }
    try {
      await c.req.json();
    } catch (error) {
      if (error instanceof ApiError) throw error;
      throw new ApiError('MALFORMED_JSON', {
        detail: { key: 'request.malformedJson' },
        cause: error,
      });
    }
    return next();
  });

  return [limit, parse] as const;
}
