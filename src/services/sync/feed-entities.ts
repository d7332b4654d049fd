import { type SQL, sql } from 'drizzle-orm';
import { effectivePermissions, type Permission } from '../../auth/permissions';
import type { UserRole } from '../../db/schema';
import { datedSettingsJsonMembers } from '../stores/dated-settings';

/**
 * What a till holds, one entry per record type of the feed. Each type reads one table (alias
 * `t`) and says which of its rows concern the store, when a row is a tombstone for the device
 * (deleted, or no longer the device's business), and what the device receives: explicit fields
 * only, never hashes, costs or contact details.
 *
 * The price a till charges is the same rule as the server's (services/catalog/prices.ts): the variant's
 * live `storePrice` for the store, else the variant's `priceOverride`, else the product's `price`.
 */
export const feedTypes = [
  'company',
  'store',
  'category',
  'product',
  'variant',
  'storePrice',
  'stockLevel',
  'receiptTemplate',
  'staff',
  'shift',
  'modifierGroup',
  'modifierOption',
  'productModifierGroup',
  'storeModifierPrice',
  'table',
  'bill',
] as const;
export type FeedType = (typeof feedTypes)[number];

export interface FeedScope {
  companyId: string;
  storeId: string;
}

interface FeedEntity {
  table: SQL;
  /** Rows of this company that concern the store. */
  scope: (scope: FeedScope) => SQL;
  /** True when the device should drop the record. */
  gone: (scope: FeedScope) => SQL;
  data: SQL;
}

const softDeleted = () => sql`t.deleted_at is not null`;

export const feedEntities: Record<FeedType, FeedEntity> = {
  company: {
    table: sql`companies`,
    scope: ({ companyId }) => sql`t.id = ${companyId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('name', t.name, 'legalName', t.legal_name, 'npwp', t.npwp,
      'isPkp', t.is_pkp, 'address', t.address, 'phone', t.phone, 'logoUrl', t.logo_url,
      'defaultLanguage', t.default_language, 'version', t.version)`,
  },
  store: {
    table: sql`stores`,
    scope: ({ companyId, storeId }) => sql`t.company_id = ${companyId} and t.id = ${storeId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('code', t.code, 'name', t.name, 'address', t.address,
      'phone', t.phone, 'timezone', t.timezone, 'taxRegime', t.tax_regime,
      'taxRateBasisPoints', t.tax_rate_basis_points,
      'serviceChargeBasisPoints', t.service_charge_basis_points,
      'serviceChargeTaxable', t.service_charge_taxable, 'pricesIncludeTax', t.prices_include_tax,
      'cashRoundingStep', t.cash_rounding_step, 'nonCashRoundingStep', t.non_cash_rounding_step,
      'businessDayCutoffHour', t.business_day_cutoff_hour,
      'allowNegativeStock', t.allow_negative_stock, 'requireOpenShift', t.require_open_shift,
      'cashDifferenceThreshold', t.cash_difference_threshold,
      'cashMovementLimit', t.cash_movement_limit,
      'discountLimitBasisPoints', t.discount_limit_basis_points,
      'scheduledSettings', coalesce((select jsonb_agg(jsonb_build_object('id', h.id,
          'effectiveFrom', to_char(h.effective_from at time zone 'UTC',
            'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), ${datedSettingsJsonMembers()})
          order by h.effective_from)
        from store_settings h
        where h.company_id = t.company_id and h.store_id = t.id and h.effective_from > now()),
        '[]'::jsonb),
      'version', t.version)`,
  },
  category: {
    table: sql`categories`,
    scope: ({ companyId }) => sql`t.company_id = ${companyId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('parentId', t.parent_id, 'name', t.name,
      'sortOrder', t.sort_order, 'imageUrl', t.image_url, 'version', t.version)`,
  },
  product: {
    table: sql`products`,
    scope: ({ companyId }) => sql`t.company_id = ${companyId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('categoryId', t.category_id, 'name', t.name, 'sku', t.sku,
      'barcodes', t.barcodes, 'unit', t.unit, 'price', t.price, 'isTaxable', t.is_taxable,
      'isActive', t.is_active, 'imageUrl', t.image_url, 'variantOptions', t.variant_options,
      'kitchenStation', t.kitchen_station, 'version', t.version)`,
  },
  variant: {
    table: sql`product_variants`,
    scope: ({ companyId }) => sql`t.company_id = ${companyId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('productId', t.product_id, 'name', t.name, 'sku', t.sku,
      'barcode', t.barcode, 'optionValues', t.option_values, 'priceOverride', t.price_override,
      'tracksStock', t.tracks_stock, 'isDefault', t.is_default, 'version', t.version)`,
  },
  storePrice: {
    table: sql`store_prices`,
    scope: ({ companyId, storeId }) => sql`t.company_id = ${companyId} and t.store_id = ${storeId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('variantId', t.variant_id, 'price', t.price,
      'version', t.version)`,
  },
  stockLevel: {
    table: sql`inventory_levels`,
    scope: ({ companyId, storeId }) => sql`t.company_id = ${companyId} and t.store_id = ${storeId}`,
    gone: () => sql`false`,
    data: sql`jsonb_build_object('variantId', t.variant_id, 'quantity', t.quantity,
      'minimumQuantity', t.minimum_quantity, 'version', t.version)`,
  },
  receiptTemplate: {
    table: sql`receipt_templates`,
    scope: ({ companyId, storeId }) =>
      sql`t.company_id = ${companyId} and (t.store_id is null or t.store_id = ${storeId})`,
    gone: softDeleted,
    data: sql`jsonb_build_object('storeId', t.store_id, 'name', t.name,
      'paperWidthMm', t.paper_width_mm, 'header', t.header, 'footer', t.footer,
      'showNpwp', t.show_npwp, 'showCashier', t.show_cashier,
      'htmlTemplate', t.html_template, 'textTemplate', t.text_template, 'version', t.version)`,
  },
  // Staff who may sign in on this store's tills: owners, and active users assigned to the store.
  // Being unassigned, deactivated or deleted reaches the device as a tombstone.
  staff: {
    table: sql`users`,
    scope: ({ companyId }) => sql`t.company_id = ${companyId} and t.role <> 'platform_admin'`,
    gone: ({ storeId }) => sql`(t.deleted_at is not null or not t.is_active
      or (t.role <> 'owner' and not exists (
        select 1 from user_store_assignments a
        where a.company_id = t.company_id and a.user_id = t.id and a.store_id = ${storeId})))`,
    data: sql`jsonb_build_object('name', t.name, 'role', t.role,
      'permissionsGranted', t.permissions_granted, 'permissionsRevoked', t.permissions_revoked)`,
  },
  modifierGroup: {
    table: sql`modifier_groups`,
    scope: ({ companyId }) => sql`t.company_id = ${companyId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('name', t.name, 'minSelections', t.min_selections,
      'maxSelections', t.max_selections, 'sortOrder', t.sort_order, 'isActive', t.is_active,
      'version', t.version)`,
  },
  modifierOption: {
    table: sql`modifier_options`,
    scope: ({ companyId }) => sql`t.company_id = ${companyId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('groupId', t.group_id, 'name', t.name,
      'priceDelta', t.price_delta, 'sortOrder', t.sort_order, 'isActive', t.is_active,
      'stockVariantId', t.stock_variant_id, 'version', t.version)`,
  },
  productModifierGroup: {
    table: sql`product_modifier_groups`,
    scope: ({ companyId }) => sql`t.company_id = ${companyId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('productId', t.product_id, 'groupId', t.group_id,
      'sortOrder', t.sort_order, 'version', t.version)`,
  },
  storeModifierPrice: {
    table: sql`store_modifier_prices`,
    scope: ({ companyId, storeId }) => sql`t.company_id = ${companyId} and t.store_id = ${storeId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('optionId', t.option_id, 'priceDelta', t.price_delta,
      'version', t.version)`,
  },
  // Open shifts of the store: a replacement till learns a shift is still open on a lost one (a
  // manager force-closes it). A shift that closes reaches the tills as a tombstone.
  shift: {
    table: sql`shifts`,
    scope: ({ companyId, storeId }) => sql`t.company_id = ${companyId} and t.store_id = ${storeId}`,
    gone: () => sql`t.status <> 'open'`,
    data: sql`jsonb_build_object('deviceKey', t.device_key, 'deviceName', t.device_name,
      'openedBy', t.opened_by,
      'openedAt', to_char(t.opened_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'businessDate', t.business_date, 'openingCash', t.opening_cash, 'version', t.version)`,
  },
  table: {
    table: sql`dining_tables`,
    scope: ({ companyId, storeId }) => sql`t.company_id = ${companyId} and t.store_id = ${storeId}`,
    gone: softDeleted,
    data: sql`jsonb_build_object('name', t.name, 'area', t.area, 'capacity', t.capacity,
      'sortOrder', t.sort_order, 'isActive', t.is_active, 'version', t.version)`,
  },
  // Open bills of the store with their items, so every device (the waiter's phone, the till)
  // shows the same bill. Every change of a bill moves its row (version), items included. A bill
  // settled, cancelled or merged reaches the devices as a tombstone.
  bill: {
    table: sql`bills`,
    scope: ({ companyId, storeId }) => sql`t.company_id = ${companyId} and t.store_id = ${storeId}`,
    gone: () => sql`t.status <> 'open'`,
    data: sql`jsonb_build_object('tableId', t.table_id, 'name', t.name, 'guests', t.guests,
      'note', t.note, 'rounds', t.rounds, 'openedBy', t.opened_by,
      'openedAt', to_char(t.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
      'items', coalesce((select jsonb_agg(jsonb_build_object('id', i.id,
          'variantId', i.variant_id, 'quantity', i.quantity, 'modifiers', i.modifiers,
          'note', i.note, 'station', i.station, 'addedBy', i.added_by, 'round', i.round)
          order by i.created_at, i.id)
        from bill_items i
        where i.company_id = t.company_id and i.bill_id = t.id and i.status = 'active'),
        '[]'::jsonb),
      'version', t.version)`,
  },
};

/** Staff rows leave the database as role and per-user changes; devices get the result. */
export function presentFeedData(type: FeedType, data: Record<string, unknown>) {
  if (type !== 'staff') return data;
  const { permissionsGranted, permissionsRevoked, ...staff } = data as {
    role: UserRole;
    permissionsGranted: string[];
    permissionsRevoked: string[];
  };
  const permissions: Permission[] = [
    ...effectivePermissions(staff.role, permissionsGranted, permissionsRevoked),
  ].sort();
  return { ...staff, permissions };
}
