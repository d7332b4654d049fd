import { sql } from 'drizzle-orm';

/**
 * The store's business date at the statement's moment (its zone, its cut-off hour), as a
 * subquery: the same rule as lib/business-date.ts, for a void or refund dated by the database's
 * clock in the transaction that makes it. The cut-off is the store's current one.
 */
export function businessDateNow(companyId: string, storeId: string) {
  return sql<string>`(select ((now() at time zone s.timezone)
      - make_interval(hours => s.business_day_cutoff_hour))::date
    from stores s where s.company_id = ${companyId} and s.id = ${storeId})`;
}
