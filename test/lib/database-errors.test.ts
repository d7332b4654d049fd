import { describe, expect, it } from 'vitest';
import { answerForUnexpected } from '../../src/lib/errors';

/** An error as drizzle throws it: its own message quotes the values, the driver's is the cause. */
function failedQuery(cause: Record<string, unknown>): Error {
  const driverError = Object.assign(new Error(String(cause.message ?? 'database error')), cause);
  return Object.assign(new Error('Failed query: insert into "x" values ($1)\nparams: rahasia'), {
    query: 'insert into "x" values ($1)',
    params: ['rahasia'],
    cause: driverError,
  });
}

const answer = (error: unknown) => {
  const mapped = answerForUnexpected(error, 'request-1');
  return {
    status: mapped.status,
    code: mapped.code,
    detail: mapped.detail?.key,
    headers: mapped.headers,
  };
};

describe('database errors, mapped once (errors.ts)', () => {
  it.each([
    ['a unique violation', { code: '23505' }, 409, 'CONFLICT', 'database.duplicate'],
    [
      'a foreign key naming a missing row',
      { code: '23503', message: 'insert or update on table "x" violates foreign key constraint' },
      404,
      'NOT_FOUND',
      'database.referenceMissing',
    ],
    [
      'a row removed while others still name it',
      { code: '23503', message: 'update or delete on table "x" violates foreign key constraint' },
      422,
      'UNPROCESSABLE',
      'database.stillReferenced',
    ],
    ['a check violation', { code: '23514' }, 422, 'UNPROCESSABLE', 'database.refused'],
    ['a not-null violation', { code: '23502' }, 422, 'UNPROCESSABLE', 'database.refused'],
    ['a value out of range', { code: '22003' }, 400, 'VALIDATION_FAILED', 'database.invalidValue'],
    ['a deadlock after its retries', { code: '40P01' }, 503, 'SERVICE_UNAVAILABLE', 'server.busy'],
    ['a serialization failure', { code: '40001' }, 503, 'SERVICE_UNAVAILABLE', 'server.busy'],
    ['a lock timeout', { code: '55P03' }, 503, 'SERVICE_UNAVAILABLE', 'server.busy'],
    [
      'too many connections',
      { code: '53300' },
      503,
      'SERVICE_UNAVAILABLE',
      'server.databaseUnavailable',
    ],
    [
      'a server shutting down',
      { code: '57P01' },
      503,
      'SERVICE_UNAVAILABLE',
      'server.databaseUnavailable',
    ],
    [
      'a connection lost without a SQLSTATE',
      { message: 'Connection terminated unexpectedly' },
      503,
      'SERVICE_UNAVAILABLE',
      'server.databaseUnavailable',
    ],
    [
      'a proxy that refuses the WebSocket',
      { message: 'Failed to establish the WebSocket connection: received 503 instead.' },
      503,
      'SERVICE_UNAVAILABLE',
      'server.databaseUnavailable',
    ],
    ['an error of our own', { code: 'XX000' }, 500, 'INTERNAL_ERROR', 'server.internalError'],
  ])('answers %s', (_case, cause, status, code, detail) => {
    expect(answer(failedQuery(cause))).toMatchObject({ status, code, detail });
  });

  it('tells the client when to retry a 503', () => {
    expect(answer(failedQuery({ code: '57P03' })).headers).toEqual({ 'Retry-After': '5' });
    expect(answer(failedQuery({ code: '40P01' })).headers).toEqual({ 'Retry-After': '1' });
  });

  it("reads no connection words from drizzle's own message, which quotes the values", () => {
    const quoted = Object.assign(new Error('Failed query: …\nparams: Connection terminated'), {
      query: 'select 1',
      params: ['Connection terminated'],
      cause: Object.assign(new Error('duplicate key value'), { code: '23505' }),
    });
    expect(answer(quoted)).toMatchObject({ status: 409, code: 'CONFLICT' });
    expect(answer(new Error('something else broke'))).toMatchObject({ status: 500 });
  });
});
