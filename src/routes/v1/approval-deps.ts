import type { Context } from 'hono';
import type { ApprovalDeps } from '../../auth/approval';
import type { AuthedEnv } from '../../env';

/** What a manager's approval (auth/approval.ts) needs from a request. */
export function approvalDeps(c: Context<AuthedEnv>): ApprovalDeps {
  return {
    // Read when an approval is checked, not before: an action's own permission needs no database.
    get db() {
      return c.var.database.db;
    },
    actor: c.var.auth,
    now: c.var.now,
    logger: c.var.logger,
    jobs: c.env.JOBS,
  };
}
