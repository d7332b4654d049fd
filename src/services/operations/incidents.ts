import {
  and,
  desc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  notInArray,
  sql,
} from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor } from '../../db/client';
import {
  type Incident,
  type IncidentKind,
  type IncidentSeverity,
  incidents,
} from '../../db/schema';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../../lib/cursor';
import { ApiError } from '../../lib/errors';
import { recordAudit } from '../audit';

/**
 * Incidents (db/schema/operations.ts): the health check names the conditions it sees; each opens
 * one incident (one open incident per key, however many checks see it), is kept up to date while
 * it holds, and resolves at the first check that no longer sees it. Every opening and resolution
 * notifies the operators in-app, in the same transaction, and is returned for the webhook.
 */

export interface Condition {
  key: string;
  kind: IncidentKind;
  severity: IncidentSeverity;
  companyId?: string | null;
  storeId?: string | null;
  details: Record<string, unknown>;
}

export type IncidentEvent = { event: 'opened' | 'resolved'; incident: Incident };

/** An incident as JSON, the same in operators' notifications and the webhook's posts. */
export function incidentPayload(incident: Incident) {
  return {
    id: incident.id,
    key: incident.key,
    kind: incident.kind,
    severity: incident.severity,
    companyId: incident.companyId,
    storeId: incident.storeId,
    details: incident.details,
    openedAt: incident.openedAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
  };
}

/**
 * Opens the incidents of `conditions` not open yet, refreshes the open ones, and resolves the open
 * incidents of the `checked` kinds whose condition is gone. Kinds not checked this time (their
 * measurement failed) are left as they are, so a missing measurement never resolves anything. A
 * check of one company (`companyId`) resolves that company's incidents only.
 */
export async function reconcileIncidents(
  db: Db,
  checked: readonly IncidentKind[],
  conditions: readonly Condition[],
  now: Date,
  companyId?: string,
): Promise<IncidentEvent[]> {
  return db.transaction(async (tx) => {
    const opened =
      conditions.length === 0
        ? []
        : await tx
            .insert(incidents)
            .values(
              conditions.map((condition) => ({
                key: condition.key,
                kind: condition.kind,
                severity: condition.severity,
                companyId: condition.companyId ?? null,
                storeId: condition.storeId ?? null,
                details: condition.details,
                openedAt: now,
                lastSeenAt: now,
              })),
            )
            .onConflictDoUpdate({
              target: incidents.key,
              targetWhere: isNull(incidents.resolvedAt),
              set: {
                details: sql`excluded.details`,
                lastSeenAt: sql`excluded.last_seen_at`,
                updatedAt: sql`now()`,
              },
            })
            .returning({ ...getTableColumns(incidents), inserted: sql<boolean>`xmax = 0` });
    const keys = conditions.map((condition) => condition.key);
    const resolved =
      checked.length === 0
        ? []
        : await tx
            .update(incidents)
            .set({ resolvedAt: now, updatedAt: now })
            .where(
              and(
                isNull(incidents.resolvedAt),
                inArray(incidents.kind, [...checked]),
                companyId ? eq(incidents.companyId, companyId) : undefined,
                keys.length > 0 ? notInArray(incidents.key, keys) : undefined,
              ),
            )
            .returning();
    const events: IncidentEvent[] = [
      ...opened
        .filter((row) => row.inserted)
        .map(({ inserted: _inserted, ...incident }) => ({ event: 'opened' as const, incident })),
      ...resolved.map((incident) => ({ event: 'resolved' as const, incident })),
    ];
    await notifyOperators(tx, events);
    return events;
  });
}

/**
 * An incident that opened and resolved while the database was away (the health check kept it in
 * KV meanwhile): recorded afterwards, with both moments, and announced as resolved.
 */
export async function recordPastIncident(
  db: Db,
  incident: Condition & { id: string; openedAt: Date; resolvedAt: Date },
): Promise<IncidentEvent[]> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(incidents)
      .values({
        id: incident.id,
        key: incident.key,
        kind: incident.kind,
        severity: incident.severity,
        companyId: incident.companyId ?? null,
        storeId: incident.storeId ?? null,
        details: incident.details,
        openedAt: incident.openedAt,
        lastSeenAt: incident.resolvedAt,
        resolvedAt: incident.resolvedAt,
      })
      .onConflictDoNothing()
      .returning();
    const events = inserted.map((row) => ({ event: 'resolved' as const, incident: row }));
    await notifyOperators(tx, events);
    return events;
  });
}

/**
 * One notification per event for every active operator (a user of the platform company); the
 * dedupe key names the incident, the event and the operator, so a rerun inserts nothing twice.
 */
async function notifyOperators(tx: Executor, events: readonly IncidentEvent[]): Promise<void> {
  for (const { event, incident } of events) {
    const data = { event, incident: incidentPayload(incident) };
    await tx.execute(sql`
      insert into notifications (company_id, recipient_id, kind, dedupe_key, data)
      select u.company_id, u.id, 'incident', ${`incident:${incident.id}:${event}:`} || u.id,
        ${JSON.stringify(data)}::jsonb
      from users u join companies c on c.id = u.company_id
      where c.kind = 'platform' and u.deleted_at is null and u.is_active
      on conflict (company_id, dedupe_key) do nothing`);
  }
}

export type IncidentStatus = 'open' | 'resolved' | 'all';

/** Newest first, a keyset page at a time. */
export async function listIncidents(
  db: Executor,
  query: { status: IncidentStatus; limit: number; cursor?: string | undefined },
) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({ row: incidents, cursorAt: cursorTimestamp(incidents.openedAt) })
    .from(incidents)
    .where(
      and(
        query.status === 'open' ? isNull(incidents.resolvedAt) : undefined,
        query.status === 'resolved' ? isNotNull(incidents.resolvedAt) : undefined,
        before
          ? beyondCursor({ at: incidents.openedAt, id: incidents.id }, before, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(incidents.openedAt), desc(incidents.id))
    .limit(query.limit + 1);
  return pageOf(
    rows.map(({ row, cursorAt }) => ({ ...row, cursorAt })),
    query.limit,
  );
}

/**
 * An operator closes an incident by hand (the fix is known and done). If the condition still holds
 * the next check opens a new one. Resolving a resolved incident changes nothing.
 */
export async function resolveIncident(db: Db, actor: Actor, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(incidents).where(eq(incidents.id, id)).for('update');
    if (!current) throw new ApiError('NOT_FOUND', { detail: { key: 'incidents.notFound' } });
    if (current.resolvedAt) return current;
    const [resolved] = await tx
      .update(incidents)
      .set({ resolvedAt: now, resolvedBy: actor.userId, updatedAt: now })
      .where(eq(incidents.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'incident.resolve',
      entityType: 'incident',
      entityId: id,
      before: { resolvedAt: null },
      after: { kind: current.kind, key: current.key },
    });
    return resolved ?? current;
  });
}
