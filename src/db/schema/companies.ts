import { sql } from 'drizzle-orm';
import { check, index, pgTable, text } from 'drizzle-orm/pg-core';
import { deletedAt, id, syncXid, timestamps, version } from './columns';

export const companyStatuses = ['active', 'suspended'] as const;
export type CompanyStatus = (typeof companyStatuses)[number];

/**
 * `tenant`: a customer business. `platform`: our own operators' company, whose users are the
 * platform admins; it reuses the same users, sessions and audit trail, and owns no stores.
 */
export const companyKinds = ['tenant', 'platform'] as const;
export type CompanyKind = (typeof companyKinds)[number];

/** A tenant: one business (restaurant group, café, shop) with one or more stores. */
export const companies = pgTable(
  'companies',
  {
    id: id(),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    /** Nomor Pokok Wajib Pajak, shown on receipts when the business is a PKP. */
    npwp: text('npwp'),
    status: text('status', { enum: companyStatuses }).notNull().default('active'),
    kind: text('kind', { enum: companyKinds }).notNull().default('tenant'),
    ...timestamps(),
    deletedAt: deletedAt(),
    version: version(),
    syncXid: syncXid(),
  },
  (table) => [
    check('companies_status_valid', sql`${table.status} in ('active', 'suspended')`),
    check('companies_kind_valid', sql`${table.kind} in ('tenant', 'platform')`),
    index('companies_created_at_idx').on(table.createdAt),
  ],
);

export type Company = typeof companies.$inferSelect;
export type NewCompany = typeof companies.$inferInsert;
