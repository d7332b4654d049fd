import { eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client';
import { stores } from '../../db/schema';
import { inCompany } from '../../db/tenancy';

/**
 * Whether `storeId` is a live store of the company. Another company's store is simply not
 * one, so callers answer 404 with their own wording.
 */
export async function isLiveStore(
  db: Executor,
  companyId: string,
  storeId: string,
): Promise<boolean> {
  const [store] = await db
    .select({ id: stores.id })
    .from(stores)
    .where(inCompany(stores, companyId, eq(stores.id, storeId), isNull(stores.deletedAt)));
  return store !== undefined;
}

/**
 * The live stores a user is assigned to, as an array column of the query it is selected in (so
 * the caller's one query carries them): `companyId` and `userId` name the user's row there, and
 * must be qualified by their table (drizzle leaves columns of a one-table query unqualified,
 * which inside this subquery would mean the assignment's own columns).
 */
export function assignedLiveStoreIds(
  companyId: PgColumn | SQL,
  userId: PgColumn | SQL,
): SQL<string[]> {
  return sql<string[]>`array(
    select a.store_id from user_store_assignments a
    join stores s on s.company_id = a.company_id and s.id = a.store_id
    where a.company_id = ${companyId} and a.user_id = ${userId} and s.deleted_at is null)`;
}

/**
 * Whether `storeId` is a live store of the company, as a boolean column of the query it is
 * selected in; `companyId` must be qualified as for `assignedLiveStoreIds`. A null store is none.
 */
export function liveStoreExists(companyId: PgColumn | SQL, storeId: string | null): SQL<boolean> {
  return sql<boolean>`exists(
    select 1 from stores s
    where s.company_id = ${companyId} and s.id = ${storeId} and s.deleted_at is null)`;
}
