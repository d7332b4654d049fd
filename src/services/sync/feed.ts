import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { FeedCursor } from './cursor';
import {
  type FeedScope,
  type FeedType,
  feedEntities,
  feedTypes,
  presentFeedData,
} from './feed-entities';

export type FeedChange =
  | { type: FeedType; id: string; op: 'upsert'; data: Record<string, unknown> }
  | { type: FeedType; id: string; op: 'delete' };

export interface FeedPage {
  changes: FeedChange[];
  /** Where the next pull starts: later in this window, or the start of the next one. */
  cursor: FeedCursor;
  hasMore: boolean;
}

interface FeedRow {
  type: FeedType;
  id: string;
  xid: string;
  gone: boolean;
  data: Record<string, unknown>;
}

/**
 * One page of a store's change feed in one query: every record type's rows in the cursor's
 * window (see cursor.ts), ordered by (sync_xid, type, id), tombstones included unless this is a
 * full snapshot. Each type contributes at most limit + 1 rows through its (company, sync_xid)
 * index, so a page costs the same however large the catalog is.
 */
export async function readFeedPage(
  db: Executor,
  scope: FeedScope,
  cursor: FeedCursor,
  limit: number,
): Promise<FeedPage> {
  const horizon = cursor.to
    ? sql`${cursor.to}::xid8`
    : sql`pg_snapshot_xmin(pg_current_snapshot())`;
  const branches = feedTypes.map((type) => {
    const entity = feedEntities[type];
    const after = cursor.after
      ? sql`and (t.sync_xid, ${type}::text, t.id) >
          (${cursor.after.xid}::xid8, ${cursor.after.type}::text, ${cursor.after.id}::uuid)`
      : sql``;
    const liveOnly = cursor.full ? sql`and not ${entity.gone(scope)}` : sql``;
    return sql`(select ${type}::text as type, t.id, t.sync_xid, ${entity.gone(scope)} as gone,
        ${entity.data} as data
      from ${entity.table} t
      where ${entity.scope(scope)}
        and t.sync_xid >= ${cursor.from}::xid8 and t.sync_xid < (select upper from horizon)
        ${after} ${liveOnly}
      order by t.sync_xid, t.id
      limit ${limit + 1})`;
  });
  const result = await db.execute<{ upper: string; rows: FeedRow[] }>(sql`
    with horizon as materialized (select ${horizon} as upper),
    page as (
      select * from (${sql.join(branches, sql` union all `)}) c
      order by c.sync_xid, c.type, c.id
      limit ${limit + 1}
    )
    select (select upper::text from horizon) as upper,
      coalesce((
        select jsonb_agg(jsonb_build_object('type', p.type, 'id', p.id, 'xid', p.sync_xid::text,
          'gone', p.gone, 'data', p.data) order by p.sync_xid, p.type, p.id)
        from page p
      ), '[]'::jsonb) as rows`);
  const row = result.rows[0];
  if (!row) throw new Error('feed query returned no row');
  const hasMore = row.rows.length > limit;
  const rows = row.rows.slice(0, limit);
  const last = rows.at(-1);
  const next: FeedCursor =
    hasMore && last
      ? { ...cursor, to: row.upper, after: { xid: last.xid, type: last.type, id: last.id } }
      : {
          storeId: cursor.storeId,
          from: BigInt(row.upper) > BigInt(cursor.from) ? row.upper : cursor.from,
          to: null,
          after: null,
          full: false,
        };
  return {
    changes: rows.map((entry) =>
      entry.gone
        ? { type: entry.type, id: entry.id, op: 'delete' }
        : {
            type: entry.type,
            id: entry.id,
            op: 'upsert',
            data: presentFeedData(entry.type, entry.data),
          },
    ),
    cursor: next,
    hasMore,
  };
}
