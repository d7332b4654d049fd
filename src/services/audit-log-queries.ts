import { and, desc, eq, exists, getTableColumns, gte, lte, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { auditLogs, users } from '../db/schema';
import { inCompany } from '../db/tenancy';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../lib/cursor';

export interface AuditLogQuery {
  limit: number;
  cursor?: string;
  actorId?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  /** Only what our operators (platform admins, another company's users) did in this company. */
  byOperators?: boolean;
}

/** Newest first, keyset-paginated on (created_at, id), always inside one company. */
export async function listAuditLogs(db: Db, companyId: string, query: AuditLogQuery) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({
      ...getTableColumns(auditLogs),
      // By id alone: an operator who acted here is a user of the platform company. Built as a
      // query, so drizzle names each column with its table.
      actorName: sql<string | null>`(${db
        .select({ name: users.name })
        .from(users)
        .where(eq(users.id, auditLogs.actorUserId))})`,
      cursorAt: cursorTimestamp(auditLogs.createdAt),
    })
    .from(auditLogs)
    .where(
      inCompany(
        auditLogs,
        companyId,
        query.actorId ? eq(auditLogs.actorUserId, query.actorId) : undefined,
        query.entityType ? eq(auditLogs.entityType, query.entityType) : undefined,
        query.entityId ? eq(auditLogs.entityId, query.entityId) : undefined,
        query.action ? eq(auditLogs.action, query.action) : undefined,
        query.from ? gte(auditLogs.createdAt, query.from) : undefined,
        query.to ? lte(auditLogs.createdAt, query.to) : undefined,
        query.byOperators
          ? exists(
              db
                .select({ id: users.id })
                .from(users)
                .where(and(eq(users.id, auditLogs.actorUserId), eq(users.role, 'platform_admin'))),
            )
          : undefined,
        before
          ? beyondCursor({ at: auditLogs.createdAt, id: auditLogs.id }, before, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(auditLogs.createdAt), desc(auditLogs.id))
    .limit(query.limit + 1);
  return pageOf(rows, query.limit);
}
