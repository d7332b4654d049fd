import type { Context } from 'hono';
import { assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import type { ReportScope } from '../../../services/reports/report-scope';

/**
 * The stores a report (or export) covers: one store, which you must work in, or `all`: every
 * store you work in (owners: every store of the company).
 */
export async function reportScopeOf(c: Context<AuthedEnv>, storeId: string): Promise<ReportScope> {
  const { auth } = c.var;
  if (storeId === 'all') {
    return {
      companyId: auth.companyId,
      storeIds: auth.role === 'owner' ? 'company' : [...auth.storeIds],
    };
  }
  await assertWorksInStore(c.var.database.db, auth, storeId);
  return { companyId: auth.companyId, storeIds: [storeId] };
}
