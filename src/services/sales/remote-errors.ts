import { ApiError, type ErrorCode } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import type { Message } from '../../lib/messages';

/**
 * Errors do not keep their class across a Durable Object RPC, so the store's object returns an
 * ApiError as plain data and the Worker throws it again, unchanged, for the error handler. Any
 * other error is logged here, where its cause chain is still whole (so the log describes a
 * database error by SQLSTATE and table, never by its bound values), and crosses as a plain 500:
 * an error rethrown across RPC would arrive as a bare message that quotes the query's values.
 */
export interface RemoteApiError {
  code: ErrorCode;
  detail?: Message;
  extensions: Record<string, unknown>;
  headers: Record<string, string>;
}

export type RemoteResult<T> = { ok: true; value: T } | { ok: false; error: RemoteApiError };

export async function asRemoteResult<T>(
  logger: Logger,
  requestId: string | null,
  work: () => Promise<T>,
): Promise<RemoteResult<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    if (!(error instanceof ApiError)) {
      logger.error('unhandled error', { error });
      return {
        ok: false,
        error: {
          code: 'INTERNAL_ERROR',
          detail: { key: 'server.internalError', params: { requestId: requestId ?? '' } },
          extensions: {},
          headers: {},
        },
      };
    }
    return {
      ok: false,
      error: {
        code: error.code,
        detail: error.detail,
        extensions: error.extensions,
        headers: error.headers,
      },
    };
  }
}

export function unwrapRemoteResult<T>(result: RemoteResult<T>): T {
  if (result.ok) return result.value;
  const { code, ...options } = result.error;
  throw new ApiError(code, options);
}
