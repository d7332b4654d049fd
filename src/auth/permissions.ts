import type { UserRole } from '../db/schema';

/** Everything a tenant user can be allowed to do. */
export const tenantPermissions = [
  'sales.create',
  'sales.void',
  'sales.refund',
  'price.override',
  'discount.apply',
  'inventory.manage',
  'catalog.manage',
  'reports.view',
  'users.manage',
  'settings.manage',
  'audit.view',
  /** Force-close another till's shift; approve cash differences and pay-outs over the limit. */
  'shifts.manage',
] as const;

/** What our operators can do, across companies (the admin console). */
export const platformPermissions = ['platform.companies.manage', 'platform.audit.view'] as const;

export type TenantPermission = (typeof tenantPermissions)[number];
export type Permission = TenantPermission | (typeof platformPermissions)[number];

/**
 * The one table of role defaults (documented in the README). An owner can grant or revoke single
 * tenant permissions per user on top of these; platform permissions are never granted that way.
 */
export const rolePermissions: Record<UserRole, readonly Permission[]> = {
  cashier: ['sales.create'],
  // Everything in the company except its settings (tax, rounding, store configuration).
  manager: tenantPermissions.filter((permission) => permission !== 'settings.manage'),
  owner: tenantPermissions,
  platform_admin: platformPermissions,
};

export function isTenantPermission(value: string): value is TenantPermission {
  return (tenantPermissions as readonly string[]).includes(value);
}

export function effectivePermissions(
  role: UserRole,
  granted: readonly string[],
  revoked: readonly string[],
): Set<Permission> {
  const result = new Set<Permission>(rolePermissions[role]);
  if (role !== 'platform_admin') {
    for (const permission of granted) if (isTenantPermission(permission)) result.add(permission);
  }
  for (const permission of revoked) result.delete(permission as Permission);
  return result;
}
