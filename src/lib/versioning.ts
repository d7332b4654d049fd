import type { Context } from 'hono';
import { ApiError } from './errors';

/**
 * Optimistic concurrency for records clients edit: the client sends the `version` it edited, in
 * the body or as `If-Match: "3"` (weak `W/"3"` accepted). A stale version answers 409 with the
 * current record, so the client can show what changed and retry.
 */
export function expectedVersion(c: Context, bodyVersion: number | undefined): number {
  if (bodyVersion !== undefined) return bodyVersion;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(c.req.header('If-Match')?.trim() ?? '');
  if (!match) {
    throw new ApiError('VALIDATION_FAILED', { detail: { key: 'request.versionRequired' } });
  }
  return Number(match[1]);
}

export function assertCurrentVersion<Row extends { version: number }>(
  current: Row,
  expected: number,
  present: (row: Row) => unknown = (row) => row,
): void {
  if (current.version !== expected) {
    throw new ApiError('CONFLICT', {
      detail: { key: 'request.staleVersion', params: { current: current.version } },
      extensions: { current: present(current) },
    });
  }
}
