import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { companyId, createdAt, id } from './columns';
import { companies } from './companies';

/**
 * Who changed what, written in the same database transaction as the change. Append-only: rows
 * are never edited (so no updated_at); the authentication issue adds the trigger that refuses
 * UPDATE and DELETE.
 */
export const auditLogs = pgTable(
  'audit_logs',
  {
    id: id(),
    companyId: companyId().references(() => companies.id),
    actorUserId: uuid('actor_user_id'),
    deviceSessionId: uuid('device_session_id'),
    /** e.g. `product.update`, `transaction.void`. */
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id'),
    /** Redacted copies of the record before and after the change. */
    before: jsonb('before'),
    after: jsonb('after'),
    requestId: text('request_id'),
    ipAddress: text('ip_address'),
    createdAt: createdAt(),
  },
  (table) => [
    index('audit_logs_company_created_idx').on(table.companyId, table.createdAt, table.id),
    index('audit_logs_company_entity_idx').on(
      table.companyId,
      table.entityType,
      table.entityId,
      table.createdAt,
    ),
    index('audit_logs_company_actor_idx').on(table.companyId, table.actorUserId, table.createdAt),
  ],
);

export type AuditLog = typeof auditLogs.$inferSelect;
