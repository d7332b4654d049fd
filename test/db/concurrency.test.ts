import { env } from 'cloudflare:workers';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database } from '../../src/db/client';
import { auditLogs, stores } from '../../src/db/schema';
import { createCompany, createStore, withDatabase } from '../support/factories';
import { request } from '../support/worker';

const concurrency = 50;

/**
 * Many requests at once, each with its own connection through the Neon driver and the proxy:
 * against the embedded Postgres they queue one at a time, against a real one they run in parallel.
 */
describe('concurrent database work', () => {
  let companyId: string;
  let storeId: string;

  beforeAll(async () => {
    companyId = (await createCompany()).id;
    storeId = (await createStore(companyId)).id;
  });

  it(`serves ${concurrency} concurrent requests that each query the database`, async () => {
    const responses = await Promise.all(
      Array.from({ length: concurrency }, () => request('/health')),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(concurrency).fill(200));
    const bodies = await Promise.all(
      responses.map((response) => response.json<{ status: string }>()),
    );
    expect(bodies.every((body) => body.status === 'pass')).toBe(true);
  });

  it(`runs ${concurrency} concurrent read-modify-write transactions without losing an update`, async () => {
    const incrementInTransaction = async (attempt: number) => {
      const database = new Database(env);
      try {
        await database.db.transaction(async (tx) => {
          const [store] = await tx
            .select({ version: stores.version })
            .from(stores)
            .where(eq(stores.id, storeId))
            .for('update');
          if (!store) throw new Error('store missing');
          await tx
            .update(stores)
            .set({ version: store.version + 1 })
            .where(eq(stores.id, storeId));
          await tx.insert(auditLogs).values({
            companyId,
            action: 'test.increment',
            entityType: 'store',
            entityId: storeId,
            after: { attempt },
          });
        });
      } finally {
        await database.close();
      }
    };

    await Promise.all(
      Array.from({ length: concurrency }, (_, attempt) => incrementInTransaction(attempt)),
    );

    const { version, audited } = await withDatabase(async ({ db }) => {
      const [store] = await db
        .select({ version: stores.version })
        .from(stores)
        .where(eq(stores.id, storeId));
      const [count] = await db
        .select({ audited: sql<number>`count(*)::int` })
        .from(auditLogs)
        .where(eq(auditLogs.companyId, companyId));
      return { version: store?.version, audited: count?.audited };
    });
    expect(version).toBe(1 + concurrency);
    expect(audited).toBe(concurrency);
  });

  it('rolls back every write of a transaction that fails halfway', async () => {
    const database = new Database(env);
    try {
      await expect(
        database.db.transaction(async (tx) => {
          await tx
            .insert(auditLogs)
            .values({ companyId, action: 'test.rollback', entityType: 'store' });
          await tx.update(stores).set({ name: 'Should not stay' }).where(eq(stores.id, storeId));
          throw new Error('fails after two writes');
        }),
      ).rejects.toThrow('fails after two writes');
    } finally {
      await database.close();
    }
    const { name, rolledBack } = await withDatabase(async ({ db }) => {
      const [store] = await db
        .select({ name: stores.name })
        .from(stores)
        .where(eq(stores.id, storeId));
      const rows = await db.select().from(auditLogs).where(eq(auditLogs.action, 'test.rollback'));
      return { name: store?.name, rolledBack: rows.length };
    });
    expect(name).toBe('Test Store');
    expect(rolledBack).toBe(0);
  });
});
