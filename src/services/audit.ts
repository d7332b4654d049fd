import type { Executor } from '../db/client';
import { auditLogs } from '../db/schema';
import { redactCredentials } from '../lib/redact';

/**
 * Who did it, from where. An authenticated request's `Actor` is one; sign-in, the store's object
 * and scheduled work name what they know (no user for a failed sign-in, no request for a cron).
 */
export interface AuditAuthor {
  companyId: string;
  userId?: string | null;
  sessionId?: string | null;
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

/**
 * Writes audit rows. Call it with the transaction that makes the change, so the change and its
 * audit land together or not at all. Credentials (hashes, tokens, PINs) never reach the row.
 */
export async function recordAudit(
  executor: Executor,
  author: AuditAuthor,
  ...entries: AuditEntry[]
): Promise<void> {
  await recordAudits(
    executor,
    entries.map((entry) => ({ author, entry })),
  );
}

/** Audit rows of several authors in one statement (a sync batch: one row per sale, its cashier). */
export async function recordAudits(
  executor: Executor,
  rows: ReadonlyArray<{ author: AuditAuthor; entry: AuditEntry }>,
): Promise<void> {
  if (rows.length === 0) return;
  await auditInsert(executor, rows);
}

/**
 * The INSERT of `recordAudits`, not yet run: for a caller that writes it together with other
 * rows in one statement (db/write-together.ts). `rows` must not be empty.
 */
export function auditInsert(
  executor: Executor,
  rows: ReadonlyArray<{ author: AuditAuthor; entry: AuditEntry }>,
) {
  return executor.insert(auditLogs).values(
    rows.map(({ author, entry }) => ({
      companyId: author.companyId,
      actorUserId: author.userId ?? null,
      deviceSessionId: author.sessionId ?? null,
      requestId: author.requestId ?? null,
      ipAddress: author.ipAddress ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      before: entry.before === undefined ? null : redactCredentials(entry.before),
      after: entry.after === undefined ? null : redactCredentials(entry.after),
    })),
  );
}
