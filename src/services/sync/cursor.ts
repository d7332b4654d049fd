import * as z from 'zod';
import { invalidCursor } from '../../lib/cursor';
import { fromBase64Url, toBase64Url, utf8 } from '../../lib/encoding';
import { ApiError } from '../../lib/errors';
import { feedTypes } from './feed-entities';

/**
 * Where a device stands in its store's change feed: commit-safe, so no row is ever skipped.
 *
 * Why not a timestamp or a sequence: both are taken when a transaction *writes*, but a row
 * becomes visible when it *commits*. If transaction A stamps a row at 10:00:01 and commits at
 * 10:00:05, while B stamps at 10:00:02 and commits at 10:00:03, a pull at 10:00:04 sees B's row,
 * hands out "after 10:00:02", and A's row (10:00:01) is never delivered.
 *
 * What we do instead: every row devices pull carries `sync_xid`, the id (xid8, never wrapping) of
 * the transaction that last wrote it, set by a column default and a trigger (migration 0007).
 * A pull reads a window of ids [from, to). `to` is `pg_snapshot_xmin(pg_current_snapshot())`
 * when the window opens: the oldest transaction still running. Every transaction with a smaller
 * id has finished (committed, so visible, or aborted, so gone), and any transaction still running
 * or starting later writes ids ≥ `to`. So nothing can appear below `to` after the read, and the
 * next window starts exactly there. In the example, A holds the horizon back: the pull at
 * 10:00:04 stops below A's id and delivers B's row with A's, one pull later.
 *
 * Paging inside a window keeps the last key (sync_xid, type, id). A row rewritten while the device
 * pages moves above `to` and arrives in the next window, in its newest state. The price of the
 * technique: a long transaction anywhere on the server delays deltas (never loses them). Our
 * transactions are one request each, so the delay is at most a request's length.
 */
export interface FeedCursor {
  storeId: string;
  /** Lowest sync_xid of the window (inclusive), as decimal text. */
  from: string;
  /** The window's horizon (exclusive); null until the next pull opens the window. */
  to: string | null;
  /** The last entry delivered inside the window. */
  after: { xid: string; type: string; id: string } | null;
  /** A full snapshot in progress: no tombstones, from the beginning. */
  full: boolean;
}

/** A transaction id as Postgres's xid8 holds it: 0 to 2^64 − 1. */
const xid = z
  .string()
  .regex(/^\d{1,20}$/)
  .refine((value) => BigInt(value) < 2n ** 64n);
const encoded = z.strictObject({
  v: z.literal(1),
  s: z.uuid(),
  f: xid,
  t: xid.nullable(),
  a: z.tuple([xid, z.enum(feedTypes), z.uuid()]).nullable(),
  full: z.boolean(),
});

export function encodeFeedCursor(cursor: FeedCursor): string {
  const value: z.infer<typeof encoded> = {
    v: 1,
    s: cursor.storeId,
    f: cursor.from,
    t: cursor.to,
    a: cursor.after ? [cursor.after.xid, cursor.after.type as never, cursor.after.id] : null,
    full: cursor.full,
  };
  return toBase64Url(utf8(JSON.stringify(value)));
}

export function decodeFeedCursor(text: string, storeId: string): FeedCursor {
  let value: z.infer<typeof encoded>;
  try {
    value = encoded.parse(JSON.parse(new TextDecoder().decode(fromBase64Url(text))));
  } catch {
    throw invalidCursor();
  }
  if (value.s !== storeId) {
    throw new ApiError('INVALID_CURSOR', { detail: { key: 'sync.cursorStore' } });
  }
  return {
    storeId: value.s,
    from: value.f,
    to: value.t,
    after: value.a && { xid: value.a[0], type: value.a[1], id: value.a[2] },
    full: value.full,
  };
}

/** The start of everything: a full snapshot, or a delta from the beginning (with tombstones). */
export function initialCursor(storeId: string, full: boolean): FeedCursor {
  return { storeId, from: '0', to: null, after: null, full };
}
