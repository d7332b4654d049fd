import type { Context } from 'hono';
import type { Executor } from '../db/client';
import { auditLogs } from '../db/schema';
import type { AuthedEnv } from '../env';
import { redactCredentials } from '../lib/redact';

/** Who did it, from where: the part of an audit row that comes from the request. */
export interface AuditActor {
  companyId: string;
  actorUserId?: string | null;
  deviceSessionId?: string | null;
  requestId?: string | null;
  ipAddress?: string | null;
}

export interface AuditEntry {
  /** `<entity>.<verb>`, e.g. `user.create`, `auth.refresh_reuse`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

export function clientAddress(c: Context): string | null {
  return c.req.header('cf-connecting-ip') ?? null;
}

/** The audit actor of an authenticated request. */
export function auditActor(c: Context<AuthedEnv>): AuditActor {
  return {
    companyId: c.var.auth.companyId,
    actorUserId: c.var.auth.userId,
    deviceSessionId: c.var.auth.sessionId,
    requestId: c.var.requestId,
    ipAddress: clientAddress(c),
  };
}

/**
 * Writes audit rows. Call it with the transaction that makes the change, so the change and its
 * audit land together or not at all. Credentials (hashes, tokens, PINs) never reach the row.
 */
export async function recordAudit(
  executor: Executor,
  actor: AuditActor,
  ...entries: AuditEntry[]
): Promise<void> {
  if (entries.length === 0) return;
  await executor.insert(auditLogs).values(
    entries.map((entry) => ({
      companyId: actor.companyId,
      actorUserId: actor.actorUserId ?? null,
      deviceSessionId: actor.deviceSessionId ?? null,
      requestId: actor.requestId ?? null,
      ipAddress: actor.ipAddress ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: entry.before === undefined ? null : redactCredentials(entry.before),
      after: entry.after === undefined ? null : redactCredentials(entry.after),
    })),
  );
}
