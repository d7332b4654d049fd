import type { ApiError } from '../lib/errors';

/**
 * The one mapping of a Postgres unique violation (SQLSTATE 23505) to a 409. Services check for
 * duplicates before they write, but two requests racing past the check meet at the unique index;
 * the loser must get the same 409 the check gives, never a 500.
 */

/** The constraint a unique violation names, anywhere in an error's cause chain (drizzle wraps). */
export function violatedUniqueConstraint(error: unknown): string | undefined {
  for (let cause = error; cause && typeof cause === 'object'; ) {
    const fields = cause as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (fields.code === '23505')
      return typeof fields.constraint === 'string' ? fields.constraint : '';
    cause = fields.cause;
  }
  return undefined;
}

/**
 * Runs the write; a unique violation of a listed constraint becomes that constraint's conflict.
 * Other errors, and violations of constraints not listed, are rethrown unchanged. A conflict
 * may read what it names (the row that is in the way), after the failed write rolled back.
 */
export async function conflictsOnUnique<T>(
  work: () => Promise<T>,
  conflicts: Record<string, () => ApiError | Promise<ApiError>>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    const conflict = constraint === undefined ? undefined : conflicts[constraint];
    if (conflict) throw await conflict();
    throw error;
  }
}
