import type { Context } from 'hono';
import type { AppEnv, AuthedEnv } from '../../../env';
import { recordAudit } from '../../../services/audit';
import { revokeSessions } from '../../../services/device-sessions';
import { type AuthDeps, refreshGraceSeconds } from '../../../services/sign-in';

/** What sign-in and refresh need from a request, for the till's routes and the console's. */
export function authDeps(c: Context<AppEnv>): AuthDeps {
  return {
    db: c.var.database.db,
    keys: c.env,
    logger: c.var.logger,
    jobs: c.env.JOBS,
    refreshGraceSeconds: refreshGraceSeconds(c.env),
    now: c.var.now,
    origin: {
      requestId: c.var.requestId,
      ipAddress: c.var.clientAddress,
      userAgent: c.req.header('User-Agent') ?? null,
    },
  };
}

/** Ends the device session of the request's access token, audited in the same transaction. */
export async function signOut(c: Context<AuthedEnv>): Promise<void> {
  const { auth } = c.var;
  await c.var.database.db.transaction(async (tx) => {
    await revokeSessions(tx, auth.companyId, [auth.sessionId], 'logout', c.var.now);
    await recordAudit(tx, auth, {
      action: 'auth.logout',
      entityType: 'device_session',
      entityId: auth.sessionId,
    });
  });
}
