import { env } from 'cloudflare:workers';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { contentionAttempts, Database } from '../../src/db/client';
import { withDatabase } from '../support/factories';

/**
 * Two transactions that take two rows in opposite orders: Postgres aborts one as the deadlock
 * victim (40P01), and db.transaction starts it again (src/db/client.ts), so both land. Needs two
 * open transactions at once: a real Postgres server (CI's DATABASE_URL; see vitest.config.ts).
 */
describe('a transaction chosen as a deadlock victim', () => {
  it('is tried again and lands, as does the one it deadlocked with', async () => {
    const table = `deadlock_probe_${crypto.randomUUID().replaceAll('-', '').slice(0, 12)}`;
    await withDatabase(({ db }) =>
      db.execute(
        sql.raw(`create table ${table} (id int primary key, n int not null);
                 insert into ${table} values (1, 0), (2, 0);`),
      ),
    );
    const a = new Database(env);
    const b = new Database(env);
    const attempts = { a: 0, b: 0 };
    let bothHoldTheirFirstRow: () => void = () => undefined;
    const holding = new Promise<void>((resolve) => {
      let count = 0;
      bothHoldTheirFirstRow = () => {
        count += 1;
        if (count === 2) resolve();
      };
    });
    const bump = (id: number) => sql.raw(`update ${table} set n = n + 1 where id = ${id}`);
    const crossing = (name: 'a' | 'b', first: number, second: number, database: Database) =>
      database.db.transaction(async (tx) => {
        attempts[name] += 1;
        await tx.execute(bump(first));
        if (attempts[name] === 1) {
          bothHoldTheirFirstRow();
          await holding;
        }
        await tx.execute(bump(second));
      });
    try {
      await Promise.all([crossing('a', 1, 2, a), crossing('b', 2, 1, b)]);
    } finally {
      await a.close();
      await b.close();
    }

    // One of them ran twice (the victim), within the bound; both increments of both rows landed.
    expect(attempts.a + attempts.b).toBe(3);
    expect(Math.max(attempts.a, attempts.b)).toBeLessThanOrEqual(contentionAttempts);
    const rows = await withDatabase(async ({ db }) => {
      const result = await db.execute<{ id: number; n: number }>(
        sql.raw(`select id, n from ${table} order by id`),
      );
      await db.execute(sql.raw(`drop table ${table}`));
      return result.rows;
    });
    expect(rows).toEqual([
      { id: 1, n: 2 },
      { id: 2, n: 2 },
    ]);
  });
});
