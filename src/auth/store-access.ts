import { and, eq } from 'drizzle-orm';
import type { Context } from 'hono';
import { userStoreAssignments } from '../db/schema';
import { inCompany } from '../db/tenancy';
import type { AuthedEnv } from '../env';
import { ApiError } from '../lib/errors';
import { isLiveStore } from '../services/stores';

/**
 * Owners work in every store of their company; everyone else in the stores assigned to them
 * (an assignment can only name a store of the user's company). Checked before a request reaches
 * a store's Durable Object, which binds itself to the first company that addresses it.
 */
export async function assertWorksInStore(c: Context<AuthedEnv>, storeId: string): Promise<void> {
  const { auth } = c.var;
  const db = c.var.database.db;
  if (auth.role === 'owner') {
    if (!(await isLiveStore(db, auth.companyId, storeId))) {
      throw new ApiError('NOT_FOUND', {
        detail: { key: 'sales.storeNotFound', params: { storeId } },
      });
    }
    return;
  }
  const [assignment] = await db
    .select({ id: userStoreAssignments.id })
    .from(userStoreAssignments)
    .where(
      inCompany(
        userStoreAssignments,
        auth.companyId,
        and(
          eq(userStoreAssignments.userId, auth.userId),
          eq(userStoreAssignments.storeId, storeId),
        ),
      ),
    );
  if (!assignment) throw new ApiError('FORBIDDEN', { detail: { key: 'sales.storeNotAssigned' } });
}
