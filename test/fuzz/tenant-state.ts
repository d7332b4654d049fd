import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client';

/**
 * A fingerprint of everything a company owns: for every table with a `company_id` (found in the
 * catalog, so a table added later is included), its row count and a digest of its rows, and the
 * company's own row. Two equal fingerprints mean a request wrote nothing, not even an update.
 *
 * Left out by design:
 *   - the security audit rows a refused sign-in or refresh writes (`auth.*` actions);
 *   - the sign-in throttle counters (keyed by address and login, not by company);
 *   - notifications created after `asOf`: only queue consumers create them, after the commit of
 *     an earlier successful request, at a moment of the queue's choosing. Notifications older
 *     than that are compared (marking one read is a request's write). `asOf` is five seconds
 *     before the first state, so a consumer's transaction that began before it and committed
 *     after it cannot slip in between;
 *   - dead queue messages (`dead_jobs`, a platform table naming the company a job was for);
 *   - the report rollups and their marks (`daily_*` tables, `report_marks`): a queue consumer
 *     recomputes a day, and clears its mark, at a moment of the queue's choosing. A request marks
 *     a day only inside the transaction of its own write, so a refused request marks nothing.
 */
export interface TenantState {
  asOf: string;
  tables: Record<string, { rows: number; digest: string | null }>;
}

let tables: Promise<string[]> | undefined;

function tenantTables(db: Db): Promise<string[]> {
  tables ??= db
    .execute<{ table_name: string }>(sql`
      select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'company_id'
        and table_name not like 'daily_%' and table_name not in ('report_marks', 'dead_jobs')
      order by table_name`)
    .then((result) => result.rows.map((row) => row.table_name));
  return tables;
}

function tableState(table: string, companyId: string, asOf: SQL) {
  const exclusion =
    table === 'audit_logs'
      ? sql`and t.action not like 'auth.%'`
      : table === 'notifications'
        ? sql`and t.created_at <= ${asOf}`
        : sql``;
  // A report export's status, counts and times are the queue consumer's, written when it builds
  // the file: only what the request wrote is compared.
  const row =
    table === 'report_exports'
      ? sql`(t.id, t.requested_by, t.type, t.format, t.params, t.store_ids, t.language, t.created_at)::text`
      : sql`t::text`;
  return sql`(select json_build_object(
      'rows', count(*),
      'digest', md5(string_agg(${row}, '|' order by ${row})))
    from ${sql.raw(`"${table}"`)} t where t.company_id = ${companyId} ${exclusion})`;
}

/** `asOf`: the moment of the state this one is compared with (see the notifications above). */
export async function tenantState(db: Db, companyId: string, asOf?: string): Promise<TenantState> {
  const names = await tenantTables(db);
  const cutoff = asOf ? sql`${asOf}::timestamptz` : sql`now() - interval '5 seconds'`;
  // One object per table, joined: a single json_build_object takes at most 100 arguments.
  const members = [
    sql`jsonb_build_object('companies', (select json_build_object('rows', count(*), 'digest', md5(string_agg(c::text, ''))) from companies c where c.id = ${companyId}))`,
    ...names.map(
      (table) => sql`jsonb_build_object(${table}::text, ${tableState(table, companyId, cutoff)})`,
    ),
  ];
  const result = await db.execute<{ tables: TenantState['tables']; as_of: string }>(
    sql`select ${sql.join(members, sql` || `)} as tables, (${cutoff})::text as as_of`,
  );
  const [row] = result.rows;
  if (!row) throw new Error('no tenant state');
  return { asOf: row.as_of, tables: row.tables };
}

/** The tables whose rows differ between two fingerprints. */
export function changedTables(before: TenantState, after: TenantState): string[] {
  return Object.keys({ ...before.tables, ...after.tables }).filter(
    (table) =>
      before.tables[table]?.rows !== after.tables[table]?.rows ||
      before.tables[table]?.digest !== after.tables[table]?.digest,
  );
}
