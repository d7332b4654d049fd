import { desc, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor } from '../../db/client';
import { deadJobs } from '../../db/schema';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../../lib/cursor';
import { ApiError } from '../../lib/errors';
import { redactCredentials } from '../../lib/redact';
import { recordAudit } from '../audit';

/**
 * Dead queue messages (db/schema/operations.ts): recorded once per message, listed for
 * operators, sent again on their word.
 */

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface DeadMessage {
  messageId: string;
  queue: string;
  body: unknown;
  attempts: number;
  error: string | null;
}

/**
 * Records a dead message; a second record of the same message keeps the first, adding the
 * error when the first had none (the dead-letter consumer's record, then the last delivery's).
 */
export async function recordDeadJob(db: Executor, message: DeadMessage): Promise<void> {
  const body = (message.body ?? null) as { type?: unknown; companyId?: unknown } | null;
  const type = typeof body?.type === 'string' ? body.type.slice(0, 100) : null;
  const companyId =
    typeof body?.companyId === 'string' && uuidPattern.test(body.companyId) ? body.companyId : null;
  await db
    .insert(deadJobs)
    .values({
      messageId: message.messageId,
      queue: message.queue,
      type,
      companyId,
      payload: redactCredentials(message.body ?? null) ?? null,
      error: message.error?.slice(0, 1000) ?? null,
      attempts: message.attempts,
    })
    .onConflictDoUpdate({
      target: deadJobs.messageId,
      set: {
        error: sql`coalesce(${deadJobs.error}, excluded.error)`,
        attempts: sql`greatest(${deadJobs.attempts}, excluded.attempts)`,
        updatedAt: sql`now()`,
      },
    });
}

export async function listDeadJobs(
  db: Executor,
  query: { limit: number; cursor?: string | undefined },
) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({ row: deadJobs, cursorAt: cursorTimestamp(deadJobs.deadAt) })
    .from(deadJobs)
    .where(
      before ? beyondCursor({ at: deadJobs.deadAt, id: deadJobs.id }, before, 'desc') : undefined,
    )
    .orderBy(desc(deadJobs.deadAt), desc(deadJobs.id))
    .limit(query.limit + 1);
  return pageOf(
    rows.map(({ row, cursorAt }) => ({ ...row, cursorAt })),
    query.limit,
  );
}

/**
 * Sends a dead job's body to the JOBS queue again (its handler is idempotent, as every handler
 * is) and notes who did it, in the platform's audit log.
 */
export async function retryDeadJob(db: Db, queue: Queue<unknown>, actor: Actor, id: string) {
  const [job] = await db.select().from(deadJobs).where(eq(deadJobs.id, id));
  if (!job) throw new ApiError('NOT_FOUND', { detail: { key: 'operations.deadJobNotFound' } });
  await queue.send(job.payload);
  return db.transaction(async (tx) => {
    const [retried] = await tx
      .update(deadJobs)
      .set({ retriedAt: sql`now()`, retriedBy: actor.userId, updatedAt: sql`now()` })
      .where(eq(deadJobs.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'dead_job.retry',
      entityType: 'dead_job',
      entityId: id,
      after: { type: job.type, companyId: job.companyId, messageId: job.messageId },
    });
    return retried ?? job;
  });
}

/**
 * Sets a dead job aside without sending it again (a poisoned body no handler will ever take),
 * with the operator's reason, audited. The health check stops counting it. Idempotent.
 */
export async function dismissDeadJob(db: Db, actor: Actor, id: string, reason: string) {
  return db.transaction(async (tx) => {
    const [job] = await tx.select().from(deadJobs).where(eq(deadJobs.id, id)).for('update');
    if (!job) throw new ApiError('NOT_FOUND', { detail: { key: 'operations.deadJobNotFound' } });
    if (job.dismissedAt) return job;
    const [dismissed] = await tx
      .update(deadJobs)
      .set({
        dismissedAt: sql`now()`,
        dismissedBy: actor.userId,
        dismissReason: reason,
        updatedAt: sql`now()`,
      })
      .where(eq(deadJobs.id, id))
      .returning();
    await recordAudit(tx, actor, {
      action: 'dead_job.dismiss',
      entityType: 'dead_job',
      entityId: id,
      after: { type: job.type, companyId: job.companyId, messageId: job.messageId, reason },
    });
    return dismissed ?? job;
  });
}
