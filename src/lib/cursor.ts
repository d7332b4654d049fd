import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import { fromBase64Url, toBase64Url, utf8 } from './encoding';
import { ApiError } from './errors';
import { isStorableText } from './storable-text';

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

const isoMicros = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.\d{6}Z$/;

/**
 * A timestamp as cursors carry it, and one that exists: 2026-02-30 or 24:00 match the pattern
 * but Postgres refuses them, so a forged cursor must be refused before it reaches a query.
 */
function isCursorTimestamp(value: unknown): value is string {
  const match = typeof value === 'string' ? isoMicros.exec(value) : null;
  if (!match) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as number[];
  if (!year || year > 9999) return false;
  const date = new Date(Date.UTC(year, (month ?? 0) - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month ?? 0) - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

/** The one answer to a cursor that is not one of ours: forged, corrupted or of another list. */
export function invalidCursor(): ApiError {
  return new ApiError('INVALID_CURSOR', { detail: { key: 'request.invalidCursor' } });
}
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Select this as `cursorAt` beside the rows of a keyset page. */
export function cursorTimestamp(column: PgColumn): SQL<string> {
  return sql<string>`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The JSON inside a cursor, or undefined when it is not base64url of JSON. */
function cursorJson(cursor: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor)));
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const isUuid = (value: unknown): value is string => typeof value === 'string' && uuid.test(value);

export function decodeCursor(cursor: string): Position {
  const parsed = cursorJson(cursor);
  if (!parsed || !isCursorTimestamp(parsed.at) || !isUuid(parsed.id)) throw invalidCursor();
  return { at: parsed.at, id: parsed.id };
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

function isSortKey(key: unknown, kind: SortKeyKind): key is string | number {
  switch (kind) {
    case 'number':
      return Number.isSafeInteger(key);
    case 'text':
      return typeof key === 'string' && key.length <= 1000 && isStorableText(key);
    case 'timestamp':
      return isCursorTimestamp(key);
  }
}

export function decodeKeyCursor(cursor: string, sort: string, kind: SortKeyKind): KeyPosition {
  const parsed = cursorJson(cursor);
  if (!parsed || parsed.sort !== sort || !isUuid(parsed.id) || !isSortKey(parsed.key, kind)) {
    throw invalidCursor();
  }
  return { sort, key: parsed.key, id: parsed.id };
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
