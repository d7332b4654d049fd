import { createScheduledController } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authThrottles, deviceSessions, refreshTokens } from '../../src/db/schema';
import worker from '../../src/index';
import { createUser } from '../support/auth';
import { createCompany, withDatabase } from '../support/factories';

const day = 24 * 60 * 60 * 1000;

describe('nightly auth cleanup (cron 0 19 * * *)', () => {
  it('deletes expired and long-revoked refresh tokens, keeps the rest, and forgets stale throttles', async () => {
    const now = new Date();
    const company = await createCompany();
    const user = await createUser(company.id);
    const sessionId = crypto.randomUUID();
    const tokens = {
      live: { expiresAt: new Date(now.getTime() + 10 * day) },
      expired: { expiresAt: new Date(now.getTime() - 1000) },
      revokedLongAgo: {
        expiresAt: new Date(now.getTime() + 10 * day),
        revokedAt: new Date(now.getTime() - 8 * day),
      },
      revokedRecently: {
        expiresAt: new Date(now.getTime() + 10 * day),
        revokedAt: new Date(now.getTime() - day),
      },
      // Rotated tokens stay until they expire: they are what reveals a replayed token.
      rotated: {
        expiresAt: new Date(now.getTime() + 10 * day),
        rotatedAt: new Date(now.getTime() - 20 * day),
      },
    };
    const ids = await withDatabase(async ({ db }) => {
      await db.insert(deviceSessions).values({
        id: sessionId,
        companyId: company.id,
        userId: user.id,
        fingerprintHash: 'x',
        deviceName: 'Kasir',
        platform: 'web',
        expiresAt: new Date(now.getTime() + 30 * day),
      });
      const rows = await db
        .insert(refreshTokens)
        .values(
          Object.entries(tokens).map(([name, fields]) => ({
            companyId: company.id,
            deviceSessionId: sessionId,
            tokenHash: `${name}-${crypto.randomUUID()}`,
            ...fields,
          })),
        )
        .returning({ id: refreshTokens.id, tokenHash: refreshTokens.tokenHash });
      await db.insert(authThrottles).values([
        {
          key: `account:stale-${sessionId}`,
          failures: 3,
          updatedAt: new Date(now.getTime() - 2 * day),
        },
        { key: `account:fresh-${sessionId}`, failures: 3, updatedAt: now },
      ]);
      return Object.fromEntries(rows.map((row) => [row.tokenHash.split('-')[0], row.id]));
    });

    await worker.scheduled(
      createScheduledController({ cron: '0 19 * * *', scheduledTime: now }),
      env,
    );

    const remaining = await withDatabase(async ({ db }) => ({
      tokens: (
        await db
          .select({ id: refreshTokens.id })
          .from(refreshTokens)
          .where(eq(refreshTokens.deviceSessionId, sessionId))
      ).map((row) => row.id),
      throttles: (await db.select({ key: authThrottles.key }).from(authThrottles)).map(
        (row) => row.key,
      ),
    }));
    expect(remaining.tokens.sort()).toEqual([ids.live, ids.revokedRecently, ids.rotated].sort());
    expect(remaining.throttles).toContain(`account:fresh-${sessionId}`);
    expect(remaining.throttles).not.toContain(`account:stale-${sessionId}`);
  });
});
