import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';

/**
 * Voids and refunds far above a store's usual, told to the company's managers (a notification
 * of kind `voids_refunds_anomaly`, once per store and day). Checked when a store's days are
 * recomputed (reports.recompute), from the daily rollups: one statement, no scan of sales.
 *
 * A day is unusual when its voids and refunds together are at least Rp 200.000 over at least 3
 * of them, and either three times the store's daily average of the 28 days before (when it sold
 * on at least 7 of them) or, for a store without that history, a fifth of the day's sales.
 * Only recent days (the last 2 calendar days) are told: late data about an old day is not news.
 */
export const anomalyRules = {
  minimumAmount: 200_000,
  minimumCount: 3,
  usualFactor: 3,
  historyDays: 28,
  minimumHistoryDays: 7,
  shareWithoutHistory: 0.2,
  recentDays: 2,
} as const;

export async function notifyVoidRefundAnomalies(
  db: Executor,
  companyId: string,
  storeId: string,
  businessDates: readonly string[],
): Promise<number> {
  if (businessDates.length === 0) return 0;
  const rules = anomalyRules;
  const dates = sql`array[${sql.join(
    businessDates.map((date) => sql`${date}::date`),
    sql`, `,
  )}]`;
  const result = await db.execute(sql`
    with days as (
      select d.business_date, d.voids_amount + d.refunds_amount as amount,
        d.voids_count + d.refunds_count as count, d.voids_amount, d.voids_count,
        d.refunds_amount, d.refunds_count, d.sales_total
      from daily_store_sales d
      where d.company_id = ${companyId} and d.store_id = ${storeId}
        and d.business_date = any(${dates})
        and d.business_date >= current_date - ${rules.recentDays}::int
    ), judged as (
      select days.*, history.usual, history.days_sold
      from days cross join lateral (
        select avg(h.voids_amount + h.refunds_amount) as usual,
          count(*) filter (where h.sales_count > 0) as days_sold
        from daily_store_sales h
        where h.company_id = ${companyId} and h.store_id = ${storeId}
          and h.business_date between days.business_date - ${rules.historyDays}::int
            and days.business_date - 1
      ) history
      where days.amount >= ${rules.minimumAmount}::bigint and days.count >= ${rules.minimumCount}::int
    )
    insert into notifications (company_id, store_id, kind, dedupe_key, data)
    select ${companyId}, ${storeId}, 'voids_refunds_anomaly',
      'voids_refunds_anomaly:' || ${storeId} || ':' || j.business_date,
      json_build_object('businessDate', to_char(j.business_date, 'YYYY-MM-DD'),
        'voidsCount', j.voids_count, 'voidsAmount', j.voids_amount,
        'refundsCount', j.refunds_count, 'refundsAmount', j.refunds_amount,
        'salesTotal', j.sales_total,
        'usualDailyAmount', case when j.days_sold >= ${rules.minimumHistoryDays}::int
          then round(j.usual)::bigint end)
    from judged j
    where case when j.days_sold >= ${rules.minimumHistoryDays}::int
      then j.amount >= ${rules.usualFactor}::numeric * coalesce(j.usual, 0)
      else j.amount >= ${rules.shareWithoutHistory}::numeric * j.sales_total end
    on conflict (company_id, dedupe_key) do nothing`);
  return result.rowCount ?? 0;
}
