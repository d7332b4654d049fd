import { pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { companyId, createdAt, id } from './columns';
import { companies } from './companies';

/**
 * Requests made idempotent by the client's `Idempotency-Key` (an operator onboarding a company):
 * the key, a fingerprint of the body it was first sent with, and the resource it made. The same
 * key with the same body is answered with that resource again; with another body, 409. The row
 * is written in the transaction that makes the resource, so a key never names half a result.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    id: id(),
    /** The caller's company: keys of different companies never meet. */
    companyId: companyId().references(() => companies.id),
    /** The operation the key was used for (`onboardCompany`), so one key cannot serve two. */
    operation: text('operation').notNull(),
    key: text('key').notNull(),
    /** SHA-256 of the canonical request body. */
    requestHash: text('request_hash').notNull(),
    resourceId: uuid('resource_id').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    uniqueIndex('idempotency_keys_company_operation_key').on(
      table.companyId,
      table.operation,
      table.key,
    ),
  ],
);

export type IdempotencyKey = typeof idempotencyKeys.$inferSelect;
