import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client';
import type { Condition } from './incidents';
import { rowsOf } from './tenant-tables';

/**
 * Stores gone quiet: a store that sold in these local hours on most days of the last four weeks
 * (the hourly rollups) and has sent nothing, neither a sale nor a sync batch, for the last few
 * hours. Its tills may be offline, signed out or broken: sales are piling up unsynced, or not
 * being made. Checked hourly per company (a queue job each); one incident per company names all
 * its quiet stores, so a holiday that quiets every store opens one incident per company, not one
 * per store.
 */
export const silentStoreRules = {
  /** Hours with nothing sent, counted back from the check. */
  quietHours: 3,
  historyDays: 28,
  /** Days (of historyDays) the store sold in these hours to count as "normally sells". */
  usualDays: 20,
} as const;

export interface SilentStore {
  storeId: string;
  code: string;
  name: string;
  /** Days of the last four weeks it sold in these hours. */
  usualDays: number;
  /** Its last sale or batch, ISO; null if it never sent one. */
  lastActivityAt: string | null;
}

export async function silentStores(db: Db, companyId: string, asOf: Date): Promise<SilentStore[]> {
  const rules = silentStoreRules;
  const at = asOf.toISOString();
  const quietSince = new Date(asOf.getTime() - rules.quietHours * 60 * 60 * 1000).toISOString();
  return rowsOf<SilentStore>(
    db,
    sql`
    with live as (
      select s.id, s.code, s.name, (${at}::timestamptz at time zone s.timezone) as local_now
      from stores s where s.company_id = ${companyId} and s.deleted_at is null
    ), usual as (
      select l.id, count(distinct b.business_date)::int as days
      from live l join daily_sales_breakdowns b
        on b.company_id = ${companyId} and b.store_id = l.id and b.dimension = 'hour'
        and b.business_date between l.local_now::date - ${rules.historyDays}::int
          and l.local_now::date - 1
        and b.key in (select to_char(l.local_now - make_interval(hours => h), 'HH24')
          from generate_series(0, ${rules.quietHours - 1}::int) h)
        and b.sales_count > 0
      group by l.id
    )
    select l.id as "storeId", l.code, l.name, u.days as "usualDays",
      to_char(greatest(
        (select max(t.created_at) from transactions t
          where t.company_id = ${companyId} and t.store_id = l.id
            and t.business_date >= l.local_now::date - ${rules.historyDays}::int),
        (select max(b.started_at) from sync_batches b
          where b.company_id = ${companyId} and b.store_id = l.id
            and b.started_at >= l.local_now::date - ${rules.historyDays}::int)
      ) at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "lastActivityAt"
    from live l join usual u on u.id = l.id
    where u.days >= ${rules.usualDays}
      and not exists (select 1 from transactions t where t.company_id = ${companyId}
        and t.store_id = l.id and t.created_at >= ${quietSince})
      and not exists (select 1 from sync_batches b where b.company_id = ${companyId}
        and b.store_id = l.id and b.started_at >= ${quietSince})
    order by l.code`,
  );
}

/** The company's condition: none, or one naming every quiet store. */
export function silentStoreConditions(companyId: string, stores: SilentStore[]): Condition[] {
  if (stores.length === 0) return [];
  return [
    {
      key: `store_silent:${companyId}`,
      kind: 'store_silent',
      severity: 'warning',
      companyId,
      details: { quietHours: silentStoreRules.quietHours, stores },
    },
  ];
}
