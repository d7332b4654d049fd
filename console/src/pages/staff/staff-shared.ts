import { useQueryClient } from '@tanstack/react-query';
import type { components } from '../../api/schema';
import type { Me } from '../../auth/me';

export type User = components['schemas']['User'];
export type TenantRole = User['role'];
export type TenantPermission = User['permissionsGranted'][number];
export type MeStore = Me['stores'][number];

/** The roles, highest first, as the API names them. */
export const tenantRoles: TenantRole[] = ['owner', 'manager', 'cashier'];

/** What the API lets a user grant or revoke one by one: every value of the schema's enum. */
const permissionOrder: Record<TenantPermission, null> = {
  'sales.create': null,
  'sales.void': null,
  'sales.refund': null,
  'price.override': null,
  'discount.apply': null,
  'inventory.manage': null,
  'catalog.manage': null,
  'reports.view': null,
  'users.manage': null,
  'settings.manage': null,
  'audit.view': null,
  'shifts.manage': null,
};
export const tenantPermissions = Object.keys(permissionOrder) as TenantPermission[];

/**
 * The roles the caller may create, edit, deactivate or end the sessions of (the API answers 403
 * for any other): an owner manages everyone, a manager everyone but owners, anyone else nobody.
 */
export function manageableRoles(me: Me | undefined): TenantRole[] {
  if (me?.user.role === 'owner') return tenantRoles;
  if (me?.user.role === 'manager') return ['manager', 'cashier'];
  return [];
}

/** Per-user permissions are for owners to change (403 for anyone else). */
export function editsPermissions(me: Me | undefined): boolean {
  return me?.user.role === 'owner';
}

/** The zone the console shows staff times in: the caller's first store, else WIB. */
export function staffZone(me: Me | undefined): string {
  return me?.stores[0]?.timezone ?? 'Asia/Jakarta';
}

/** A user's stores as the caller knows them, and how many are outside the caller's stores. */
export function assignedStores(
  storeIds: string[],
  stores: MeStore[],
): { known: MeStore[]; unknownCount: number } {
  const known = stores.filter((store) => storeIds.includes(store.id));
  return { known, unknownCount: storeIds.length - known.length };
}

/** After a change: the answer becomes the member's details; the list asks again. */
export function useApplyUser() {
  const queryClient = useQueryClient();
  return async (user: User) => {
    queryClient.setQueryData(['users', 'detail', user.id], user);
    await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
  };
}
