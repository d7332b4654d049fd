import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgTable,
  smallint,
  text,
  unique,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { companyId, deletedAt, id, syncXid, timestamps, version } from './columns';
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

/** Rupiah steps the amount due may be rounded to; 0 means no rounding. */
export const roundingSteps = [0, 100, 500, 1000] as const;

/**
 * An outlet. Everything that varies by region or by policy is a setting here, never a constant:
 * rates are in basis points (1100 = 11%) so the tax engine stays in integers.
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
    taxRegime: text('tax_regime', { enum: taxRegimes }).notNull().default('none'),
    taxRateBasisPoints: integer('tax_rate_basis_points').notNull().default(0),
    serviceChargeBasisPoints: integer('service_charge_basis_points').notNull().default(0),
    serviceChargeTaxable: boolean('service_charge_taxable').notNull().default(true),
    pricesIncludeTax: boolean('prices_include_tax').notNull().default(false),
    cashRoundingStep: integer('cash_rounding_step').notNull().default(0),
    nonCashRoundingStep: integer('non_cash_rounding_step').notNull().default(0),
    /** Sales before this local hour belong to the previous business date (shifts past midnight). */
    businessDayCutoffHour: smallint('business_day_cutoff_hour').notNull().default(0),
    allowNegativeStock: boolean('allow_negative_stock').notNull().default(true),
    /**
     * Discounts up to this share of the sale's gross subtotal need no permission; beyond it the
     * cashier needs discount.apply or a manager's approval. 0: every discount needs it.
     */
    discountLimitBasisPoints: integer('discount_limit_basis_points').notNull().default(0),
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
    check('stores_tax_regime_valid', sql`${table.taxRegime} in ('none', 'ppn', 'pbjt')`),
    check(
      'stores_tax_rate_range',
      sql`${table.taxRateBasisPoints} between 0 and 10000 and (${table.taxRegime} <> 'none' or ${table.taxRateBasisPoints} = 0)`,
    ),
    check(
      'stores_service_charge_range',
      sql`${table.serviceChargeBasisPoints} between 0 and 10000`,
    ),
    check('stores_cash_rounding_step', sql`${table.cashRoundingStep} in (0, 100, 500, 1000)`),
    check(
      'stores_non_cash_rounding_step',
      sql`${table.nonCashRoundingStep} in (0, 100, 500, 1000)`,
    ),
    check('stores_cutoff_hour_range', sql`${table.businessDayCutoffHour} between 0 and 23`),
    check(
      'stores_discount_limit_range',
      sql`${table.discountLimitBasisPoints} between 0 and 10000`,
    ),
  ],
);

export type Store = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
