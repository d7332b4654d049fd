import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { isoTimestamp } from '../../db/iso-timestamp';
import { decodeCursor, pageOf } from '../../lib/cursor';
import { inReport, type ReportRange, type ReportScope } from './report-scope';

/**
 * The voids and refunds of a range (`GET /api/v1/reports/voids-refunds`), each on its own business
 * date (the day the money went back), with the sale it undid, why, who did it and who approved
 * it, newest first, a page at a time. Read from the transactions (indexed by store and date, and
 * by store and void date), not from rollups: it is a list to check, not a sum.
 */

interface PersonRef {
  id: string;
  name: string;
}

export interface VoidOrRefund {
  kind: 'void' | 'refund';
  /** The refund's id, or the voided sale's. */
  id: string;
  storeId: string;
  /** The refund's number (`…-R1`), or the voided sale's. */
  number: string;
  businessDate: string;
  at: string;
  amount: number;
  reason: string | null;
  by: PersonRef | null;
  /** The manager who approved it for someone without the permission; null: their own. */
  approvedBy: PersonRef | null;
  sale: { id: string; number: string; businessDate: string; cashier: PersonRef | null };
}

const person = (id: unknown, name: unknown): PersonRef | null =>
  typeof id === 'string' ? { id, name: String(name ?? '') } : null;

export async function voidsAndRefunds(
  db: Executor,
  scope: ReportScope,
  query: ReportRange & { limit: number; cursor?: string | undefined },
): Promise<{ data: VoidOrRefund[]; nextCursor: string | null }> {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db.execute<Record<string, unknown>>(sql`
    with undone as (
      select 'void' as kind, t.id, t.store_id, t.number, t.void_business_date as business_date,
        t.voided_at as at, t.total as amount, t.void_reason as reason, t.voided_by as by_id,
        t.void_approved_by as approved_by_id, t.id as sale_id, t.number as sale_number,
        t.business_date as sale_date, t.cashier_id as sale_cashier_id
      from transactions t
      where ${inReport('t', scope, query, 'void_business_date')} and t.status = 'voided'
      union all
      select 'refund', r.id, r.store_id, r.number, r.business_date, r.created_at, r.total, r.note,
        r.cashier_id, (r.approvals -> 0 ->> 'approvedBy')::uuid, s.id, s.number,
        s.business_date, s.cashier_id
      from transactions r
        join transactions s on s.company_id = r.company_id and s.id = r.refund_of_id
      where ${inReport('r', scope, query)} and r.kind = 'refund')
    select u.kind, u.id, u.store_id as "storeId", u.number,
      to_char(u.business_date, 'YYYY-MM-DD') as "businessDate",
      ${isoTimestamp(sql`u.at`)} as at,
      to_char(u.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "cursorAt",
      u.amount, u.reason, u.by_id, by_user.name as by_name, u.approved_by_id,
      approver.name as approver_name, u.sale_id, u.sale_number,
      to_char(u.sale_date, 'YYYY-MM-DD') as sale_date, u.sale_cashier_id,
      cashier.name as cashier_name
    from undone u
      left join users by_user on by_user.company_id = ${scope.companyId} and by_user.id = u.by_id
      left join users approver on approver.company_id = ${scope.companyId}
        and approver.id = u.approved_by_id
      left join users cashier on cashier.company_id = ${scope.companyId}
        and cashier.id = u.sale_cashier_id
    ${before ? sql`where (u.at, u.id) < (${before.at}::timestamptz, ${before.id}::uuid)` : sql``}
    order by u.at desc, u.id desc
    limit ${query.limit + 1}`);
  const page = pageOf(
    rows.rows.map((row) => ({
      kind: row.kind as VoidOrRefund['kind'],
      id: String(row.id),
      storeId: String(row.storeId),
      number: String(row.number),
      businessDate: String(row.businessDate),
      at: String(row.at),
      cursorAt: String(row.cursorAt),
      amount: Number(row.amount),
      reason: (row.reason as string | null) ?? null,
      by: person(row.by_id, row.by_name),
      approvedBy: person(row.approved_by_id, row.approver_name),
      sale: {
        id: String(row.sale_id),
        number: String(row.sale_number),
        businessDate: String(row.sale_date),
        cashier: person(row.sale_cashier_id, row.cashier_name),
      },
    })),
    query.limit,
  );
  return page;
}
