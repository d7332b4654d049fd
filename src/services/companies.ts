import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import type { Db, Executor } from '../db/client';
import {
  type Company,
  type CompanyLanguage,
  type CompanyPlan,
  companies,
  type NewCompany,
  storeSettings,
  stores,
} from '../db/schema';
import { inCompany } from '../db/tenancy';
import { ApiError } from '../lib/errors';
import { assertCurrentVersion } from '../lib/versioning';
import { type AuditEntry, recordAudits } from './audit';

/**
 * A company as its owner and our operators see it. The owner edits the profile (names, tax
 * registration, contact, logo, language); the plan and the status are our operators' to change.
 */
export interface CompanyProfile {
  name: string;
  legalName: string | null;
  npwp: string | null;
  isPkp: boolean;
  address: string;
  phone: string | null;
  logoUrl: string | null;
  defaultLanguage: CompanyLanguage;
}

export interface CompanyView extends CompanyProfile {
  id: string;
  plan: CompanyPlan;
  status: Company['status'];
  suspendedAt: Date | null;
  suspendedReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export function companyView(company: Company): CompanyView {
  return {
    id: company.id,
    name: company.name,
    legalName: company.legalName,
    npwp: company.npwp,
    isPkp: company.isPkp,
    address: company.address,
    phone: company.phone,
    logoUrl: company.logoUrl,
    defaultLanguage: company.defaultLanguage,
    plan: company.plan,
    status: company.status,
    suspendedAt: company.suspendedAt,
    suspendedReason: company.suspendedReason,
    createdAt: company.createdAt,
    updatedAt: company.updatedAt,
    version: company.version,
  };
}

export const companyNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'companies.notFound' } });

/** Live tenant companies (never the platform's own); with `companyId`, that one. */
export function liveTenants(companyId?: string): SQL {
  return and(
    companyId === undefined ? undefined : eq(companies.id, companyId),
    eq(companies.kind, 'tenant'),
    isNull(companies.deletedAt),
  ) as SQL;
}

/** A tenant company, locked when `forUpdate`; 404 for the platform's own or an unknown id. */
export async function findTenantCompany(
  db: Executor,
  companyId: string,
  forUpdate = false,
): Promise<Company> {
  const query = db.select().from(companies).where(liveTenants(companyId));
  const [company] = forUpdate ? await query.for('update') : await query;
  if (!company) throw companyNotFound();
  return company;
}

/** Writes fields of a company the transaction has locked, moving it to its next version. */
export async function writeCompany(
  tx: Executor,
  companyId: string,
  fields: Partial<NewCompany>,
): Promise<Company> {
  const [updated] = await tx
    .update(companies)
    .set({ ...fields, version: sql`${companies.version} + 1` })
    .where(eq(companies.id, companyId))
    .returning();
  if (!updated) throw new Error('a locked company vanished');
  return updated;
}

export async function getCompany(db: Db, companyId: string): Promise<CompanyView> {
  return companyView(await findTenantCompany(db, companyId));
}

export type CompanyChange = Partial<CompanyProfile> & { plan?: CompanyPlan; version: number };

/**
 * Audit rows of an action on a company, in one statement: one in the company's own log with
 * the actor as author and, when the actor belongs to another company (an operator of the
 * platform), one in the actor's own log that names the company, so each side can see it.
 */
export async function recordCompanyAudit(
  tx: Executor,
  actor: Actor,
  targetCompanyId: string,
  entry: AuditEntry,
): Promise<void> {
  const who = {
    userId: actor.userId,
    sessionId: actor.sessionId,
    requestId: actor.requestId,
    ipAddress: actor.ipAddress,
  };
  const rows = [{ author: { ...who, companyId: targetCompanyId }, entry }];
  if (actor.companyId !== targetCompanyId) {
    rows.push({
      author: { ...who, companyId: actor.companyId },
      entry: { ...entry, after: { targetCompanyId, ...asRecord(entry.after) } },
    });
  }
  await recordAudits(tx, rows);
}

const asRecord = (value: unknown) =>
  value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * Whether a live store of the company charges PPN now or from a scheduled entry: a company that
 * is not a PKP may not, so it cannot stop being one while a store does.
 */
async function storesChargingPpn(db: Executor, companyId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: storeSettings.id })
    .from(storeSettings)
    .innerJoin(
      stores,
      and(eq(stores.companyId, storeSettings.companyId), eq(stores.id, storeSettings.storeId)),
    )
    .where(
      inCompany(
        storeSettings,
        companyId,
        eq(storeSettings.taxRegime, 'ppn'),
        isNull(stores.deletedAt),
        sql`(${storeSettings.effectiveFrom} >= now() or ${storeSettings.id} = (
          select h.id from store_settings h
          where h.company_id = ${storeSettings.companyId} and h.store_id = ${storeSettings.storeId}
            and h.effective_from <= now()
          order by h.effective_from desc limit 1))`,
      ),
    )
    .limit(1);
  return row !== undefined;
}

/** Changes a company's profile (and, for an operator, its plan); a stale version is 409. */
export async function updateCompany(
  db: Db,
  actor: Actor,
  companyId: string,
  change: CompanyChange,
): Promise<CompanyView> {
  return db.transaction(async (tx) => {
    const current = await findTenantCompany(tx, companyId, true);
    assertCurrentVersion(current, change.version, companyView);
    if (change.isPkp === false && current.isPkp && (await storesChargingPpn(tx, companyId))) {
      throw new ApiError('UNPROCESSABLE', {
        detail: { key: 'companies.ppnStoresNeedPkp' },
        errors: [
          {
            path: 'isPkp',
            code: 'stores_charge_ppn',
            message: { key: 'companies.ppnStoresNeedPkp' },
          },
        ],
      });
    }
    const { version: _version, ...fields } = change;
    const updated = await writeCompany(tx, companyId, fields);
    await recordCompanyAudit(tx, actor, companyId, {
      action: 'company.update',
      entityType: 'company',
      entityId: companyId,
      before: companyView(current),
      after: companyView(updated),
    });
    return companyView(updated);
  });
}
