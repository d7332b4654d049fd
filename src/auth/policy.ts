import type { UserRole } from '../db/schema';
import type { Permission } from './permissions';

/**
 * Who may do what: the one place that decides. Pure functions over what `authenticate` loaded in
 * its single query (role, effective permissions, assigned stores), so routes, services, the
 * store's object and the offline upload all ask the same questions and get the same answers.
 *
 * The store rule: an owner works in every live store of the company; everyone else in the stores
 * assigned to them. Store-bound actions (sales, voids, refunds, receipts, stock movements and
 * counts, thresholds, store prices, store receipt templates, sync) need working in that store;
 * company-wide ones (catalog, users, company templates, reads of stock and prices) do not.
 * Another company's store is not found (404); a store of the company you do not work in is 403.
 */
export interface Principal {
  userId: string;
  role: UserRole;
  permissions: ReadonlySet<Permission>;
  /** Live stores assigned to the user (owners work everywhere, assigned or not). */
  storeIds: ReadonlySet<string>;
}

export function hasPermission(principal: Principal, permission: Permission): boolean {
  return principal.permissions.has(permission);
}

export function missingPermissions(
  principal: Principal,
  required: readonly Permission[],
): Permission[] {
  return required.filter((permission) => !principal.permissions.has(permission));
}

/** Whether the principal works in a store already known to be a live store of their company. */
export function worksInStore(principal: Pick<Principal, 'role' | 'storeIds'>, storeId: string) {
  if (principal.role === 'owner') return true;
  if (principal.role === 'platform_admin') return false;
  return principal.storeIds.has(storeId);
}

export type StoreAccess = 'allowed' | 'not_found' | 'not_assigned';

/** The store rule for a store id the client sent, given whether it is a live store of the company. */
export function storeAccess(
  principal: Pick<Principal, 'role' | 'storeIds'>,
  storeId: string,
  liveStoreOfCompany: boolean,
): StoreAccess {
  if (!liveStoreOfCompany) return 'not_found';
  return worksInStore(principal, storeId) ? 'allowed' : 'not_assigned';
}

/** The stores whose records (sales, receipts) a principal may read: every store, or these. */
export function readableStores(principal: Pick<Principal, 'role' | 'storeIds'>): 'all' | string[] {
  return principal.role === 'owner' ? 'all' : [...principal.storeIds];
}

/**
 * Whether `approver` may approve `permission` for someone else's action (a manager typing a PIN
 * at a cashier's till): active, not the requester, holding the permission, and working in the
 * store the action belongs to.
 */
export function mayApprove(
  approver: Principal & { isActive: boolean },
  requesterId: string,
  permission: Permission,
  storeId: string | undefined,
): boolean {
  return (
    approver.isActive &&
    approver.userId !== requesterId &&
    approver.permissions.has(permission) &&
    (storeId === undefined || worksInStore(approver, storeId))
  );
}

/**
 * Whether a user of role `actor` (who holds users.manage) may create, edit, deactivate, assign or
 * end the sessions of a user of role `target`: an owner manages everyone in the company, a
 * manager only staff below the owner, and nobody touches platform admins through the tenant API.
 */
export function mayManageRole(actor: UserRole, target: UserRole): boolean {
  if (target === 'platform_admin') return false;
  if (actor === 'owner') return true;
  if (actor === 'manager') return target !== 'owner';
  return false;
}
