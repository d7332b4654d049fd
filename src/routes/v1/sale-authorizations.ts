import type { Context } from 'hono';
import { type ApprovalInput, type Authorization, authorizeOrApprove } from '../../auth/approval';
import { hasPermission } from '../../auth/policy';
import type { AuthedEnv } from '../../env';
import { approvalDeps } from './approval-deps';

/** What a sale asks beyond sales.create: manual prices and discounts. */
interface SaleAsks {
  storeId: string;
  items: ReadonlyArray<{ unitPrice?: number; lineDiscount?: number }>;
  orderDiscount?: number;
}

/**
 * Who allows a sale's manual prices and discounts (a sale, or a bill's settle), before it goes to
 * the store's object. A manual price needs price.override, held or approved. Whether a discount
 * needs discount.apply depends on the store's limit and the gross subtotal, which the object
 * knows; here the permission or approval is resolved when there is one.
 */
export async function saleAuthorizations(
  c: Context<AuthedEnv>,
  sale: SaleAsks,
  approval: ApprovalInput | undefined,
): Promise<{ authorizations: Authorization[]; discountAllowed: boolean }> {
  const deps = approvalDeps(c);
  const authorizations: Authorization[] = [];
  if (sale.items.some((item) => item.unitPrice !== undefined)) {
    authorizations.push(await authorizeOrApprove(deps, 'price.override', approval, sale.storeId));
  }
  const discounted = Boolean(sale.orderDiscount || sale.items.some((item) => item.lineDiscount));
  let discountAllowed = false;
  if (discounted && (hasPermission(c.var.auth, 'discount.apply') || approval)) {
    authorizations.push(await authorizeOrApprove(deps, 'discount.apply', approval, sale.storeId));
    discountAllowed = true;
  }
  return { authorizations, discountAllowed };
}
