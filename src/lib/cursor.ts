import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { fromBase64Url, toBase64Url, utf8 } from './encoding';
import { ApiError } from './errors';
import type { MessageKey } from './messages';

/**
 * Opaque keyset cursors: the sort key of the last row of a page (a timestamp and the id that
 * breaks ties), base64url-encoded JSON. Stable under inserts, unlike offsets.
 *
 * The timestamp travels as Postgres text with microseconds: a JavaScript Date keeps only
 * milliseconds, and rows written in the same millisecond (one transaction shares one now())
 * would be repeated or skipped at a page boundary.
 */
interface Position {
  at: string;
  id: string;
}

const isoMicros = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Select this as `cursorAt` beside the rows of a keyset page. */
export function cursorTimestamp(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function decodeCursor(cursor: string, invalidMessage: MessageKey): Position {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor))) as Partial<Position>;
    if (typeof parsed.at !== 'string' || !isoMicros.test(parsed.at)) throw new Error('at');
    if (typeof parsed.id !== 'string' || !uuid.test(parsed.id)) throw new Error('id');
    return { at: parsed.at, id: parsed.id };
  } catch {
    throw new ApiError('VALIDATION_FAILED', { detail: { key: invalidMessage } });
  }
}

/** Rows strictly after (ascending) or before (descending) the cursor's position. */
export function beyondCursor(
  columns: { at: PgColumn; id: PgColumn },
  position: Position,
  direction: 'asc' | 'desc',
): SQL {
  return direction === 'asc'
    ? sql`(${columns.at}, ${columns.id}) > (${position.at}::timestamptz, ${position.id}::uuid)`
    : sql`(${columns.at}, ${columns.id}) < (${position.at}::timestamptz, ${position.id}::uuid)`;
}

/** Takes one row more than the page to know whether another page follows. */
export function pageOf<Row extends { id: string; cursorAt: string }>(
  rows: Row[],
  limit: number,
): { data: Omit<Row, 'cursorAt'>[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? toBase64Url(utf8(JSON.stringify({ at: last.cursorAt, id: last.id })))
      : null;
  return { data: page.map(({ cursorAt: _cursorAt, ...row }) => row), nextCursor };
}

/**
 * Keyset cursors on other sort keys (a name, a price, a timestamp), for lists sorted by a
 * whitelisted column. The cursor names its sort, so a cursor of one sort is refused by another.
 */
export type SortKeyKind = 'text' | 'number' | 'timestamp';

interface KeyPosition {
  sort: string;
  key: string | number;
  id: string;
}

/** The value to select beside each row as `cursorKey` for a sort column of this kind. */
export function cursorKey(column: PgColumn, kind: SortKeyKind): SQL<string | number> {
  return kind === 'timestamp'
    ? cursorTimestamp(column)
    : sql<string | number>`${column}`.mapWith((value: unknown) =>
        kind === 'number' ? Number(value) : String(value),
      );
}

export function encodeKeyCursor(sort: string, key: string | number, id: string): string {
  return toBase64Url(utf8(JSON.stringify({ sort, key, id })));
}

export function decodeKeyCursor(
  cursor: string,
  sort: string,
  kind: SortKeyKind,
  invalidMessage: MessageKey,
): KeyPosition {
  try {
    const parsed = JSON.parse(
      new TextDecoder().decode(fromBase64Url(cursor)),
    ) as Partial<KeyPosition>;
    if (parsed.sort !== sort) throw new Error('sort');
    if (typeof parsed.id !== 'string' || !uuid.test(parsed.id)) throw new Error('id');
    const key = parsed.key;
    if (kind === 'number' && !Number.isSafeInteger(key)) throw new Error('key');
    if (kind === 'text' && (typeof key !== 'string' || key.length > 1000)) throw new Error('key');
    if (kind === 'timestamp' && (typeof key !== 'string' || !isoMicros.test(key))) {
      throw new Error('key');
    }
    return { sort, key: key as string | number, id: parsed.id };
  } catch {
    throw new ApiError('VALIDATION_FAILED', { detail: { key: invalidMessage } });
  }
}

/** Rows strictly after (ascending) or before (descending) the position, ties broken by id. */
export function beyondKeyCursor(
  columns: { key: PgColumn; id: PgColumn },
  kind: SortKeyKind,
  position: KeyPosition,
  direction: 'asc' | 'desc',
): SQL {
  const key =
    kind === 'timestamp'
      ? sql`${position.key}::timestamptz`
      : kind === 'number'
        ? sql`${position.key}::bigint`
        : sql`${position.key}::text`;
  return direction === 'asc'
    ? sql`(${columns.key}, ${columns.id}) > (${key}, ${position.id}::uuid)`
    : sql`(${columns.key}, ${columns.id}) < (${key}, ${position.id}::uuid)`;
}

/** One row more than the page was taken; the last row of the page makes the next cursor. */
export function keyPageOf<Row extends { id: string; cursorKey: string | number }>(
  rows: Row[],
  limit: number,
  sort: string,
): { data: Omit<Row, 'cursorKey'>[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const nextCursor =
    rows.length > limit && last ? encodeKeyCursor(sort, last.cursorKey, last.id) : null;
  return { data: page.map(({ cursorKey: _cursorKey, ...row }) => row), nextCursor };
}
