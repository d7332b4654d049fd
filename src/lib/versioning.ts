import { ApiError } from './errors';

/**
 * Optimistic concurrency for records clients edit: the client sends the `version` it edited, in
 * the body or as `If-Match: "3"` (weak `W/"3"` accepted). A stale version answers 409 with the
 * current record, so the client can show what changed and retry.
 */
export function expectedVersion(
  bodyVersion: number | undefined,
  ifMatch: string | undefined,
): number {
  if (bodyVersion !== undefined) return bodyVersion;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(ifMatch?.trim() ?? '');
  if (!match) {
    throw new ApiError('VALIDATION_FAILED', { detail: { key: 'request.versionRequired' } });
  }
  return Number(match[1]);
}

/** For a delete, where the version is optional: the If-Match version if the client sent one. */
export function ifMatchVersion(ifMatch: string | undefined): number | undefined {
  return ifMatch === undefined ? undefined : expectedVersion(undefined, ifMatch);
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
