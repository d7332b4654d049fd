import { fromBase64Url, toBase64Url, utf8 } from './encoding';
import { ApiError } from './errors';
import type { MessageKey } from './messages';

/**
 * Opaque keyset cursors: the sort key of the last row of a page (a timestamp and the id that
 * breaks ties), base64url-encoded JSON. Stable under inserts, unlike offsets.
 */
export interface KeysetPosition {
  at: string;
  id: string;
}

export function encodeCursor(position: { at: Date; id: string }): string {
  return toBase64Url(utf8(JSON.stringify({ at: position.at.toISOString(), id: position.id })));
}

export function decodeCursor(cursor: string, invalidMessage: MessageKey): { at: Date; id: string } {
  try {
    const parsed = JSON.parse(
      new TextDecoder().decode(fromBase64Url(cursor)),
    ) as Partial<KeysetPosition>;
    const at = new Date(parsed.at ?? '');
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
    if (Number.isNaN(at.getTime()) || typeof parsed.id !== 'string' || !uuid.test(parsed.id))
      throw new Error();
    return { at, id: parsed.id };
  } catch {
    throw new ApiError('VALIDATION_FAILED', { detail: { key: invalidMessage } });
  }
}

/** Takes one row more than the page to know whether another page follows. */
export function pageOf<Row extends { id: string }>(
  rows: Row[],
  limit: number,
  sortKey: (row: Row) => Date,
): { data: Row[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  const last = data.at(-1);
  return {
    data,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ at: sortKey(last), id: last.id }) : null,
  };
}
