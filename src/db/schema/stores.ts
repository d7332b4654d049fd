import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  type PgColumn,
  pgTable,
  smallint,
  text,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  companyId,
  deletedAt,
  id,
  rupiah,
  sameCompanyReference,
  syncXid,
  timestamps,
  utcTimestamp,
  version,
} from './columns';
import { companies } from './companies';

/** The zones of Indonesia (no daylight saving): WIB, WITA, WIT. */
export const storeTimezones = [
  'Asia/Jakarta',
  'Asia/Pontianak',
  'Asia/Makassar',
  'Asia/Jayapura',
] as const;
export type StoreTimezone = (typeof storeTimezones)[number];

/** none, PPN (VAT, for a PKP), or PBJT (regional restaurant tax, charged instead of PPN). */
export const taxRegimes = ['none', 'ppn', 'pbjt'] as const;
export type TaxRegime = (typeof taxRegimes)[number];

/** Rupiah steps the amount due may be rounded to; 0 means no rounding (whole rupiah). */
export const roundingSteps = [0, 100, 500, 1000] as const;

/**
 * The settings a sale is priced and dated with. They are effective-dated (`store_settings`): an
 * offline sale is priced with the settings in force when it was made, not when it is uploaded.
 * Rates are in basis points (1100 = 11%) so the tax engine stays in integers.
 */
const datedSettingsColumns = () => ({
  taxRegime: text('tax_regime', { enum: taxRegimes }).notNull().default('none'),
  taxRateBasisPoints: integer('tax_rate_basis_points').notNull().default(0),
  serviceChargeBasisPoints: integer('service_charge_basis_points').notNull().default(0),
  serviceChargeTaxable: boolean('service_charge_taxable').notNull().default(true),
  pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
  cashRoundingStep: integer('cash_rounding_step').notNull().default(0),
  nonCashRoundingStep: integer('non_cash_rounding_step').notNull().default(0),
  /** Sales before this local hour belong to the previous business date (shifts past midnight). */
  businessDayCutoffHour: smallint('business_day_cutoff_hour').notNull().default(0),
  /**
   * Discounts up to this share of the sale's gross subtotal need no permission; beyond it the
   * cashier needs discount.apply or a manager's approval. 0: every discount needs it.
   */
  discountLimitBasisPoints: integer('discount_limit_basis_points').notNull().default(0),
});

/** The dated settings, by name: what `store_settings` records and a change may name. */
export const datedStoreSettings = [
  'taxRegime',
  'taxRateBasisPoints',
  'serviceChargeBasisPoints',
  'serviceChargeTaxable',
  'pricesIncludeTax',
  'cashRoundingStep',
  'nonCashRoundingStep',
  'businessDayCutoffHour',
  'discountLimitBasisPoints',
] as const satisfies ReadonlyArray<keyof ReturnType<typeof datedSettingsColumns>>;
export type DatedStoreSetting = (typeof datedStoreSettings)[number];

type DatedColumns = { [Name in DatedStoreSetting]: PgColumn };

/** The database's own limits on the dated settings, for both tables that hold them. */
function datedSettingsChecks(prefix: string, table: DatedColumns) {
  return [
    check(`${prefix}_tax_regime_valid`, sql`${table.taxRegime} in ('none', 'ppn', 'pbjt')`),
    check(
      `${prefix}_tax_rate_range`,
      sql`${table.taxRateBasisPoints} between 0 and 10000 and (${table.taxRegime} <> 'none' or ${table.taxRateBasisPoints} = 0)`,
    ),
    check(
      `${prefix}_service_charge_range`,
      sql`${table.serviceChargeBasisPoints} between 0 and 10000`,
    ),
    check(`${prefix}_cash_rounding_step`, sql`${table.cashRoundingStep} in (0, 100, 500, 1000)`),
    check(
      `${prefix}_non_cash_rounding_step`,
      sql`${table.nonCashRoundingStep} in (0, 100, 500, 1000)`,
    ),
    check(`${prefix}_cutoff_hour_range`, sql`${table.businessDayCutoffHour} between 0 and 23`),
    check(
      `${prefix}_discount_limit_range`,
      sql`${table.discountLimitBasisPoints} between 0 and 10000`,
    ),
  ];
}

/**
 * An outlet. Everything that varies by region or by policy is a setting here, never a constant.
 * The dated settings on this row are the ones in force now (`store_settings` is their history
 * and schedule; a change that takes effect later reaches this row when it does).
 */
export const stores = pgTable(
  'stores',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    /** Short uppercase code used in transaction numbers: {CODE}-{YYYYMMDD}-{NNNN}. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    phone: text('phone'),
    timezone: text('timezone', { enum: storeTimezones }).notNull().default('Asia/Jakarta'),
    ...datedSettingsColumns(),
    allowNegativeStock: boolean('allow_negative_stock').notNull().default(true),
    /** Sales and refunds need an open shift on the till (off: tills without shifts keep selling). */
    requireOpenShift: boolean('require_open_shift').notNull().default(false),
    /**
     * A drawer difference (counted − expected) beyond this many rupiah either way needs a
     * manager's approval to close the shift; null: any difference closes.
     */
    cashDifferenceThreshold: rupiah('cash_difference_threshold'),
    /** A pay-in or pay-out above this many rupiah needs a manager's approval; null: none does. */
    cashMovementLimit: rupiah('cash_movement_limit'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    unique('stores_company_id_key').on(table.companyId, table.id),
    uniqueIndex('stores_company_code_live_key')
      .on(table.companyId, table.code)
      .where(sql`${table.deletedAt} is null`),
    index('stores_company_updated_idx').on(table.companyId, table.updatedAt),
    index('stores_company_sync_xid_idx').on(table.companyId, table.syncXid),
    check('stores_code_format', sql`${table.code} ~ '^[A-Z0-9]{2,10}$'`),
    check(
      'stores_timezone_valid',
      sql`${table.timezone} in ('Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura')`,
    ),
    ...datedSettingsChecks('stores', table),
    check(
      'stores_cash_limits_non_negative',
      sql`coalesce(${table.cashDifferenceThreshold}, 0) >= 0 and coalesce(${table.cashMovementLimit}, 0) >= 0`,
    ),
  ],
);

/**
 * The effective-dated history and schedule of a store's dated settings: each row is the whole
 * set in force from `effective_from` until the next row's. `changed` names what the row changes
 * (so a change inserted before a scheduled one flows into it, except where that one changes the
 * same setting). A store's first row is written by a trigger when the store is inserted (0011),
 * so every store has settings in force at every moment: before its first row, the first row's.
 * `applied_at` is when the stores row took the row's settings: at once for a change in force
 * now, by the cron for a scheduled one.
 */
export const storeSettings = pgTable(
  'store_settings',
  {
    id: id(),
    companyId: companyId(),
    storeId: uuid('store_id').notNull(),
    effectiveFrom: utcTimestamp('effective_from').notNull(),
    ...datedSettingsColumns(),
    changed: text('changed').array().notNull().default(sql`'{}'::text[]`),
    appliedAt: utcTimestamp('applied_at'),
    createdBy: uuid('created_by'),
    ...timestamps(),
  },
  (table) => [
    unique('store_settings_company_id_key').on(table.companyId, table.id),
    unique('store_settings_store_effective_key').on(
      table.companyId,
      table.storeId,
      table.effectiveFrom,
    ),
    sameCompanyReference('store_settings_store_fk', [table.companyId, table.storeId], stores),
    // The cron's sweep for scheduled settings that came into force.
    index('store_settings_pending_idx')
      .on(table.effectiveFrom)
      .where(sql`${table.appliedAt} is null`),
    ...datedSettingsChecks('store_settings', table),
  ],
);

export type Store = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
export type StoreSettingsRow = typeof storeSettings.$inferSelect;
