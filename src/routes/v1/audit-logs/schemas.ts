import * as z from 'zod';
import { id, pageOf, timestamp } from '../../../lib/api-schemas';
import { pageQuery } from '../../../lib/list-query';

export const auditLogQuery = z
  .strictObject({
    ...pageQuery,
    actorId: z.uuid().optional(),
    entityType: z.string().min(1).max(50).optional(),
    entityId: z.uuid().optional(),
    action: z.string().min(1).max(100).optional(),
    from: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional(),
    to: z.iso
      .datetime({ offset: true })
      .transform((value) => new Date(value))
      .optional(),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    message: 'validation.timeRange',
    path: ['to'],
  });

/** A redacted copy of the record (hashes, tokens and PINs never appear). */
const snapshot = z.record(z.string(), z.unknown()).nullable();

/** One audit row: who changed what, from where. Rows are never edited or removed. */
export const auditLogSchema = z
  .object({
    id,
    companyId: id,
    actorUserId: id.nullable().meta({ description: 'Null for scheduled work and failed sign-ins' }),
    actorName: z.string().nullable().meta({
      description: 'The actor’s name (an operator’s too), for reading the log',
      example: 'Budi',
    }),
    deviceSessionId: id.nullable(),
    action: z.string().meta({ example: 'user.update' }),
    entityType: z.string().meta({ example: 'user' }),
    entityId: id.nullable(),
    before: snapshot,
    after: snapshot,
    requestId: z.string().nullable(),
    ipAddress: z.string().nullable(),
    createdAt: timestamp,
  })
  .meta({ id: 'AuditLog' });

export const auditLogPageSchema = pageOf(auditLogSchema);
