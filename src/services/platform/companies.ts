import { and, desc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { hashPassword } from '../../auth/passwords';
import { stalledBatchAfterMs } from '../../cron/stalled-sync-batches';
import type { Db } from '../../db/client';
import { type Company, type CompanyStatus, companies, users } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../../lib/cursor';
import { ApiError } from '../../lib/errors';
import { forgetAccountFailures } from '../auth-throttle';
import {
  type CompanyView,
  companyNotFound,
  companyView,
  findTenantCompany,
  liveTenants,
  recordCompanyAudit,
  writeCompany,
} from '../companies';
import { liveSessionIds, revokeSessions } from '../device-sessions';

/**
 * What our operators do with tenant companies: find them with a health summary, suspend and
 * reactivate them, and give an owner who lost access a new temporary password. Every action is
 * audited in the platform's log (naming the company) and in the company's own (companies.ts).
 */

/** How a company is doing, for the operator's list: one statement for a whole page. */
export interface CompanyHealth {
  stores: number;
  /** Live device sessions (signed in, not expired). */
  activeDevices: number;
  lastSaleAt: Date | null;
  /** When a sync upload last completed. */
  lastSyncAt: Date | null;
  /** Uploads that failed in the last 24 hours, stalled ones included. */
  failedBatches24h: number;
  /** Uploads that stalled in the last 24 hours, and those processing for too long right now. */
  stalledBatches24h: number;
  /** Sales (not refunds, not voided) of each store's current business day. */
  salesToday: number;
  salesTodayTotal: number;
}

export type CompanyWithHealth = CompanyView & { health: CompanyHealth };

const dayAgo = sql`now() - interval '24 hours'`;
const stalledSince = sql`now() - make_interval(secs => ${stalledBatchAfterMs / 1000})`;

/** The outer query's company, spelled out: drizzle leaves columns of a one-table select bare. */
const companyOfRow = sql.raw('"companies"."id"');

/** The health columns of a company row, as correlated subqueries on company-leading indexes. */
const healthColumns = {
  stores: sql<number>`(select count(*)::int from stores s
    where s.company_id = ${companyOfRow} and s.deleted_at is null)`,
  activeDevices: sql<number>`(select count(*)::int from device_sessions d
    where d.company_id = ${companyOfRow} and d.revoked_at is null and d.expires_at > now())`,
  lastSaleAt: sql<string | null>`(select max(t.created_at) from transactions t
    where t.company_id = ${companyOfRow} and t.kind = 'sale')`,
  lastSyncAt: sql<string | null>`(select max(b.finished_at) from sync_batches b
    where b.company_id = ${companyOfRow} and b.status = 'completed')`,
  failedBatches24h: sql<number>`(select count(*)::int from sync_batches b
    where b.company_id = ${companyOfRow} and b.status = 'failed' and b.started_at > ${dayAgo})`,
  stalledBatches24h: sql<number>`(select count(*)::int from sync_batches b
    where b.company_id = ${companyOfRow} and (
      (b.status = 'processing' and b.updated_at < ${stalledSince})
      or exists (select 1 from sync_events e where e.company_id = b.company_id
        and e.batch_id = b.id and e.kind = 'batch_stalled' and e.created_at > ${dayAgo})))`,
  salesToday: sql<{ count: number; total: number }>`(select json_build_object(
      'count', count(*)::int, 'total', coalesce(sum(t.total), 0)::bigint)
    from stores s join transactions t on t.company_id = s.company_id and t.store_id = s.id
    where s.company_id = ${companyOfRow} and s.deleted_at is null
      and t.kind = 'sale' and t.status <> 'voided'
      and t.business_date = ((now() at time zone s.timezone)
        - make_interval(hours => s.business_day_cutoff_hour))::date)`,
};

type HealthRow = { [K in keyof typeof healthColumns]: (typeof healthColumns)[K]['_']['type'] };

function withHealth(company: Company, row: HealthRow): CompanyWithHealth {
  const dateOf = (value: string | null) => (value === null ? null : new Date(value));
  return {
    ...companyView(company),
    health: {
      stores: row.stores,
      activeDevices: row.activeDevices,
      lastSaleAt: dateOf(row.lastSaleAt),
      lastSyncAt: dateOf(row.lastSyncAt),
      failedBatches24h: row.failedBatches24h,
      stalledBatches24h: row.stalledBatches24h,
      salesToday: row.salesToday.count,
      salesTodayTotal: Number(row.salesToday.total),
    },
  };
}

export interface ListCompaniesQuery {
  limit: number;
  cursor?: string;
  status?: CompanyStatus;
  /** A name (brand or legal), an NPWP (any punctuation) or a phone (0812…, +62812…). */
  search?: string;
}

/**
 * The search as the conditions it means: names by text; from four digits on, also the NPWP and
 * the phones of the company and its people by their digits (0812… is searched as 62812…).
 */
function searchCondition(search: string) {
  const pattern = `%${search.replace(/[\\%_]/g, '\\$&')}%`;
  const byName = [ilike(companies.name, pattern), ilike(companies.legalName, pattern)];
  const digits = search.replace(/\D/g, '');
  if (digits.length < 4) return or(...byName);
  const phonePattern = `%${digits.startsWith('0') ? `62${digits.slice(1)}` : digits}%`;
  return or(
    ...byName,
    ilike(companies.npwp, `%${digits}%`),
    sql`regexp_replace(coalesce(${companies.phone}, ''), '\\D', '', 'g') like ${phonePattern}`,
    sql`exists (select 1 from users u where u.company_id = ${companyOfRow}
      and u.deleted_at is null and u.phone like ${phonePattern})`,
  );
}

/** Tenant companies, newest first, a keyset page at a time, each with its health. */
export async function listCompanies(db: Db, query: ListCompaniesQuery) {
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({
      company: companies,
      id: companies.id,
      cursorAt: cursorTimestamp(companies.createdAt),
      ...healthColumns,
    })
    .from(companies)
    .where(
      and(
        liveTenants(),
        query.status ? eq(companies.status, query.status) : undefined,
        query.search ? searchCondition(query.search) : undefined,
        after
          ? beyondCursor({ at: companies.createdAt, id: companies.id }, after, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(companies.createdAt), desc(companies.id))
    .limit(query.limit + 1);
  const page = pageOf(rows, query.limit);
  return {
    data: page.data.map(({ company, id: _id, ...health }) => withHealth(company, health)),
    nextCursor: page.nextCursor,
  };
}

export async function getCompanyWithHealth(db: Db, companyId: string): Promise<CompanyWithHealth> {
  const [row] = await db
    .select({ company: companies, ...healthColumns })
    .from(companies)
    .where(liveTenants(companyId));
  if (!row) throw companyNotFound();
  const { company, ...health } = row;
  return withHealth(company, health);
}

/**
 * Suspends a company: its status, and every live session of its users ends at once, so each of
 * their requests answers 403 COMPANY_SUSPENDED (auth/context.ts) and tills keep their outboxes.
 * Suspending a suspended company changes nothing (a retry), not even the reason.
 */
export async function suspendCompany(
  db: Db,
  actor: Actor,
  companyId: string,
  reason: string,
  now: Date,
): Promise<CompanyView> {
  return db.transaction(async (tx) => {
    const current = await findTenantCompany(tx, companyId, true);
    if (current.status === 'suspended') return companyView(current);
    const updated = await writeCompany(tx, companyId, {
      status: 'suspended',
      suspendedAt: now,
      suspendedReason: reason,
    });
    const revoked = await revokeSessions(
      tx,
      companyId,
      await liveSessionIds(tx, companyId),
      'company_suspended',
      now,
    );
    await recordCompanyAudit(tx, actor, companyId, {
      action: 'company.suspend',
      entityType: 'company',
      entityId: companyId,
      before: { status: current.status },
      after: { status: 'suspended', reason, revokedSessions: revoked.length },
    });
    return companyView(updated);
  });
}

/** Lifts a suspension; its users sign in again (their sessions ended). A retry changes nothing. */
export async function reactivateCompany(
  db: Db,
  actor: Actor,
  companyId: string,
): Promise<CompanyView> {
  return db.transaction(async (tx) => {
    const current = await findTenantCompany(tx, companyId, true);
    if (current.status === 'active') return companyView(current);
    const updated = await writeCompany(tx, companyId, {
      status: 'active',
      suspendedAt: null,
      suspendedReason: null,
    });
    await recordCompanyAudit(tx, actor, companyId, {
      action: 'company.reactivate',
      entityType: 'company',
      entityId: companyId,
      before: { status: current.status, reason: current.suspendedReason },
      after: { status: 'active' },
    });
    return companyView(updated);
  });
}

/**
 * Gives an owner who lost access a new temporary password chosen by the operator: the owner must
 * change it at the next sign-in, every session of theirs ends and their sign-in lockouts are
 * forgotten. Only owners: the owner manages everyone else's access.
 */
export async function resetOwnerAccess(
  db: Db,
  actor: Actor,
  companyId: string,
  userId: string,
  initialPassword: string,
  now: Date,
): Promise<void> {
  const passwordHash = await hashPassword(initialPassword);
  await db.transaction(async (tx) => {
    await findTenantCompany(tx, companyId);
    const [user] = await tx
      .select({ id: users.id, role: users.role })
      .from(users)
      .where(inCompany(users, companyId, eq(users.id, userId), isNull(users.deletedAt)))
      .for('update');
    if (!user) throw new ApiError('NOT_FOUND', { detail: { key: 'users.notFound' } });
    if (user.role !== 'owner') {
      throw new ApiError('UNPROCESSABLE', { detail: { key: 'platform.notAnOwner' } });
    }
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: true, version: sql`${users.version} + 1` })
      .where(inCompany(users, companyId, eq(users.id, userId)));
    const revoked = await revokeSessions(
      tx,
      companyId,
      await liveSessionIds(tx, companyId, userId),
      'access_reset',
      now,
    );
    await forgetAccountFailures(tx, userId);
    await recordCompanyAudit(tx, actor, companyId, {
      action: 'user.access_reset',
      entityType: 'user',
      entityId: userId,
      after: { mustChangePassword: true, revokedSessions: revoked.length },
    });
  });
}
