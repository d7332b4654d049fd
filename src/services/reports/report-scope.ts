import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { isoTimestamp } from '../../db/iso-timestamp';

/**
 * What every report shares: the stores it covers, its range of business dates, and whether the
 * days of that range are counted yet. A report is its rollup query plus `freshness`: two indexed
 * queries whatever the range.
 */

/** The stores a report covers: named ones, or every live store of the company (an owner's "all"). */
export interface ReportScope {
  companyId: string;
  storeIds: readonly string[] | 'company';
}

export interface ReportRange {
  from: string;
  to: string;
}

export interface Freshness {
  /** True when no day of the range is waiting to be recomputed. */
  upToDate: boolean;
  /** Days whose latest changes are not in the figures yet, oldest change first. */
  pendingDays: Array<{ storeId: string; businessDate: string; since: string }>;
}

/**
 * The rows of `alias` (a table with company_id, store_id and a business date, `business_date`
 * unless named) a report reads.
 */
export function inReport(
  alias: string,
  scope: ReportScope,
  range: ReportRange,
  dateColumn = 'business_date',
): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  const stores =
    scope.storeIds === 'company'
      ? sql`${column('store_id')} in (select s.id from stores s
          where s.company_id = ${scope.companyId} and s.deleted_at is null)`
      : scope.storeIds.length === 0
        ? sql`false`
        : sql`${column('store_id')} in (${sql.join(
            scope.storeIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`;
  return sql`${column('company_id')} = ${scope.companyId} and ${stores}
    and ${column(dateColumn)} between ${range.from} and ${range.to}`;
}

/** The days of the range still behind their transactions (at most 100, oldest change first). */
export async function freshnessOf(
  db: Executor,
  scope: ReportScope,
  range: ReportRange,
): Promise<Freshness> {
  const marks = await db.execute<Freshness['pendingDays'][number]>(sql`
    select m.store_id as "storeId", to_char(m.business_date, 'YYYY-MM-DD') as "businessDate",
      ${isoTimestamp(sql`m.marked_at`)} as since
    from report_marks m
    where ${inReport('m', scope, range)}
    order by m.marked_at, m.store_id, m.business_date
    limit 100`);
  return { upToDate: marks.rows.length === 0, pendingDays: marks.rows };
}

/** Sums of bigint columns come back as strings: the figures of a row, as numbers. */
export function numbersOf<Name extends string>(
  row: Record<string, unknown>,
  names: readonly Name[],
): Record<Name, number> {
  return Object.fromEntries(names.map((name) => [name, Number(row[name] ?? 0)])) as Record<
    Name,
    number
  >;
}

/** `sum(alias.column)::bigint as "name"` for each [name, column]. */
export function sumsOf(alias: string, columns: ReadonlyArray<readonly [string, string]>): SQL {
  return sql.join(
    columns.map(
      ([name, column]) =>
        sql`coalesce(sum(${sql.raw(`${alias}.${column}`)}), 0)::bigint as ${sql.identifier(name)}`,
    ),
    sql`, `,
  );
}

/** A whole-rupiah average (0 of nothing). */
export const averageOf = (total: number, count: number) =>
  count > 0 ? Math.round(total / count) : 0;
