import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { deletedAt, id, syncXid, timestamps, utcTimestamp, version } from './columns';

export const companyStatuses = ['active', 'suspended'] as const;
export type CompanyStatus = (typeof companyStatuses)[number];

/**
 * `tenant`: a customer business. `platform`: our own operators' company, whose users are the
 * platform admins; it reuses the same users, sessions and audit trail, and owns no stores.
 */
export const companyKinds = ['tenant', 'platform'] as const;
export type CompanyKind = (typeof companyKinds)[number];

/** What a tenant subscribes to; issue-level limits (rate limits, stores) may read it later. */
export const companyPlans = ['trial', 'basic', 'pro', 'enterprise'] as const;
export type CompanyPlan = (typeof companyPlans)[number];

/** The languages the API and the console speak; a company's default for its people. */
export const companyLanguages = ['id', 'en'] as const;
export type CompanyLanguage = (typeof companyLanguages)[number];

/** A tenant: one business (restaurant group, café, shop) with one or more stores. */
export const companies = pgTable(
  'companies',
  {
    id: id(),
    /** The brand people know (on receipts and in the console). */
    name: text('name').notNull(),
    /** The registered name (PT, CV), for tax documents. */
    legalName: text('legal_name'),
    /** Nomor Pokok Wajib Pajak, digits only (15, or 16 since 2024), shown when a PKP. */
    npwp: text('npwp'),
    /** Pengusaha Kena Pajak: registered for VAT, the only kind of business that may charge PPN. */
    isPkp: boolean('is_pkp').notNull().default(false),
    address: text('address').notNull().default(''),
    phone: text('phone'),
    plan: text('plan', { enum: companyPlans }).notNull().default('basic'),
    logoUrl: text('logo_url'),
    defaultLanguage: text('default_language', { enum: companyLanguages }).notNull().default('id'),
    status: text('status', { enum: companyStatuses }).notNull().default('active'),
    kind: text('kind', { enum: companyKinds }).notNull().default('tenant'),
    suspendedAt: utcTimestamp('suspended_at'),
    suspendedReason: text('suspended_reason'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    check('companies_status_valid', sql`${table.status} in ('active', 'suspended')`),
    check('companies_kind_valid', sql`${table.kind} in ('tenant', 'platform')`),
    check('companies_plan_valid', sql`${table.plan} in ('trial', 'basic', 'pro', 'enterprise')`),
    check('companies_default_language_valid', sql`${table.defaultLanguage} in ('id', 'en')`),
    check('companies_npwp_digits', sql`${table.npwp} ~ '^[0-9]{15,16}$'`),
    index('companies_created_at_idx').on(table.createdAt),
  ],
);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
