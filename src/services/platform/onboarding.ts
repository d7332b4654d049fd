import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { hashPassword } from '../../auth/passwords';
import type { Db, Executor } from '../../db/client';
import { type CompanyPlan, companies, idempotencyKeys, users } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import { ApiError } from '../../lib/errors';
import { uuidv7 } from '../../lib/ids';
import {
  type CompanyProfile,
  type CompanyView,
  companyView,
  recordCompanyAudit,
} from '../companies';
import { insertStore, listStores, type NewStoreInput, type StoreView } from '../stores/store-admin';
import { assertLoginFree, loginConflicts, type UserView, userView } from '../users';

/**
 * Onboarding a company: the company, its first owner and its stores with their settings, in one
 * transaction, so half an onboarding never exists. Made idempotent by the operator's
 * `Idempotency-Key`: the key is claimed first in the same transaction, so two requests with one
 * key (a retry after a lost answer, a double click) make one company; the second waits for the
 * first and is answered with what it made, or 409 when its body differs.
 */
export interface OnboardingInput {
  company: Partial<CompanyProfile> & Pick<CompanyProfile, 'name'> & { plan?: CompanyPlan };
  owner: { name: string; email?: string; phone?: string; initialPassword: string };
  stores: NewStoreInput[];
}

export interface OnboardingView {
  company: CompanyView;
  owner: UserView;
  stores: StoreView[];
}

const onboardingOperation = 'onboardCompany';

export async function onboardCompany(
  db: Db,
  actor: Actor,
  request: { key: string; hash: string; input: OnboardingInput },
  now: Date,
): Promise<{ status: 'created' | 'replayed'; onboarding: OnboardingView }> {
  const { input } = request;
  const passwordHash = await hashPassword(input.owner.initialPassword);
  const companyId = uuidv7(now.getTime());
  const made = await conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const claimed = await claimKey(tx, actor.companyId, request, companyId);
        if (claimed !== companyId) return claimed;
        const [company] = await tx
          .insert(companies)
          .values({ id: companyId, ...input.company, kind: 'tenant' })
          .returning();
        if (!company) throw new Error('insert returned no company');
        await assertLoginFree(tx, input.owner.email, input.owner.phone);
        const [owner] = await tx
          .insert(users)
          .values({
            companyId,
            name: input.owner.name,
            email: input.owner.email ?? null,
            phone: input.owner.phone ?? null,
            role: 'owner',
            passwordHash,
            mustChangePassword: true,
          })
          .returning();
        if (!owner) throw new Error('insert returned no owner');
        const storeIds: string[] = [];
        for (const [index, store] of input.stores.entries()) {
          storeIds.push((await insertStore(tx, companyId, company, store, `stores.${index}.`)).id);
        }
        await recordCompanyAudit(tx, actor, companyId, {
          action: 'company.onboard',
          entityType: 'company',
          entityId: companyId,
          after: { company: companyView(company), ownerId: owner.id, storeIds },
        });
        return companyId;
      }),
    loginConflicts,
  );
  return {
    status: made === companyId ? 'created' : 'replayed',
    onboarding: await onboardingOf(db, made, now),
  };
}

/**
 * Claims the key for this request, answering the company it names: `companyId` when this request
 * claimed it; the company of an earlier request with the same body; 409 for another body. An
 * insert that meets a key claimed by a transaction still running waits for it to end.
 */
async function claimKey(
  tx: Executor,
  callerCompanyId: string,
  request: { key: string; hash: string },
  companyId: string,
): Promise<string> {
  const [claimed] = await tx
    .insert(idempotencyKeys)
    .values({
      companyId: callerCompanyId,
      operation: onboardingOperation,
      key: request.key,
      requestHash: request.hash,
      resourceId: companyId,
    })
    .onConflictDoNothing()
    .returning({ resourceId: idempotencyKeys.resourceId });
  if (claimed) return claimed.resourceId;
  const [earlier] = await tx
    .select()
    .from(idempotencyKeys)
    .where(
      inCompany(
        idempotencyKeys,
        callerCompanyId,
        eq(idempotencyKeys.operation, onboardingOperation),
        eq(idempotencyKeys.key, request.key),
      ),
    );
  if (!earlier) throw new Error('an idempotency key was neither claimed nor found');
  if (earlier.requestHash !== request.hash) {
    throw new ApiError('CONFLICT', { detail: { key: 'platform.idempotencyKeyReused' } });
  }
  return earlier.resourceId;
}

/** The company an onboarding made, its first owner and its stores, as they are now. */
async function onboardingOf(db: Db, companyId: string, now: Date): Promise<OnboardingView> {
  const [row] = await db
    .select({ company: companies, owner: users })
    .from(companies)
    .innerJoin(users, and(eq(users.companyId, companies.id), eq(users.role, 'owner')))
    .where(and(eq(companies.id, companyId), isNull(users.deletedAt)))
    .orderBy(asc(users.createdAt))
    .limit(1);
  if (!row) throw new Error('an onboarded company has no owner');
  return {
    company: companyView(row.company),
    owner: userView(row.owner, []),
    stores: await listStores(db, companyId, 'all', now),
  };
}
