import type { Context } from 'hono';
import type { AuthedEnv, Env } from '../src/env';
import { ApiError, answerLoggingUnexpected, type ErrorCode } from '../src/lib/errors';
import type { Logger } from '../src/lib/logger';
import type { Message } from '../src/lib/messages';
import type { JobMessage } from '../src/queues/messages';
import { sendJobs } from '../src/queues/send-jobs';

/**
 * Calling a store's Durable Object, both ends.
 *
 * Errors do not keep their class across RPC, so the object returns an ApiError as plain data and
 * the Worker throws it again, unchanged, for the error handler. Any other error is logged in the
 * object, where its cause chain is still whole (so the log describes a database error by SQLSTATE
 * and table, never by its bound values), and crosses as a plain 500 (503 when the database refused
 * to serve): an error rethrown across RPC would arrive as a bare message that quotes the query's
 * values.
 *
 * The object never sends queue messages itself: a successful call returns the jobs that must
 * follow it (low-stock alerts, sync problems), and the Worker sends them after the response.
 */
export interface RemoteApiError {
  code: ErrorCode;
  detail?: Message;
  extensions: Record<string, unknown>;
  headers: Record<string, string>;
}

export type RemoteResult<T> =
  | { ok: true; value: T; jobs: JobMessage[] }
  | { ok: false; error: RemoteApiError };

/** Object side: runs the work and turns its outcome (or its error) into a RemoteResult. */
export async function asRemoteResult<T>(
  logger: Logger,
  requestId: string | null,
  work: () => Promise<{ value: T; jobs: JobMessage[] }>,
): Promise<RemoteResult<T>> {
  try {
    return { ok: true, ...(await work()) };
  } catch (error) {
    const known =
      error instanceof ApiError ? error : answerLoggingUnexpected(error, requestId ?? '', logger);
    return {
      ok: false,
      error: {
        code: known.code,
        detail: known.detail,
        extensions: known.extensions,
        headers: known.headers,
      },
    };
  }
}

/** The coordinator stub of a store. */
export function storeCoordinator(env: Pick<Env, 'STORE'>, storeId: string) {
  return env.STORE.get(env.STORE.idFromName(storeId));
}

export type StoreStub = ReturnType<typeof storeCoordinator>;

/**
 * Worker side: lets go of the request's database connection (the object opens its own, and the
 * local embedded Postgres serves one at a time), calls the store's object, sends the jobs it
 * returned after the response, and answers the value or throws the ApiError. Call it only after
 * the store rule has been checked: the object binds itself to the first company that writes
 * through it (`readSession`, which serves that check, binds nothing).
 */
export async function callStore<T>(
  c: Context<AuthedEnv>,
  storeId: string,
  call: (store: StoreStub) => Promise<unknown>,
): Promise<T> {
  await c.var.database.close();
  // RPC wraps the result type in its serialisable mirror; the value is exactly this shape.
  const result = (await call(storeCoordinator(c.env, storeId)).catch((error: unknown) => {
    throw storeUnreachable(error, storeId, c.var.logger);
  })) as RemoteResult<T>;
  if (!result.ok) {
    const { code, ...options } = result.error;
    throw new ApiError(code, options);
  }
  if (result.jobs.length > 0) {
    c.executionCtx.waitUntil(sendJobs(c.env.JOBS, result.jobs, c.var.logger));
  }
  return result.value;
}

/**
 * The call itself failed: the object was reset or evicted in the middle of it, overloaded, or
 * moved (its own errors come back as a RemoteResult). Whatever it had committed stays committed
 * and whatever it had not was rolled back with its connection, and every write a till sends is
 * idempotent, so the answer is "try again": 503 with Retry-After, never a 500.
 */
function storeUnreachable(error: unknown, storeId: string, logger: Logger): ApiError {
  logger.error('store object call failed', { storeId, error });
  return new ApiError('SERVICE_UNAVAILABLE', {
    detail: { key: 'server.storeUnavailable' },
    headers: { 'Retry-After': '1' },
    cause: error,
  });
}
