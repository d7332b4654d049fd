import { eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { stores } from '../db/schema';
import { inCompany } from '../db/tenancy';

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
