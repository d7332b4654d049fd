import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { saleCounters } from '../../db/schema';

/**
 * Takes the next sale numbers of a store, inside the sales' own transaction: `counts` says how
 * many sales of each business date are being written, and the answer is the first sequence of
 * each date (the sales of a date take first, first + 1, … in the order they are written).
 *
 * Why the numbers are gap-free and unique:
 * - Each counter row is advanced by one upsert (`last_number + n … returning`), which takes the
 *   row lock until the transaction ends. Another writer of the same store and date waits for it.
 * - The sales, their items, payments, stock movements and audit rows commit in that same
 *   transaction (or savepoint). If anything fails, the rollback also undoes the increment: no
 *   number is burnt. If it commits, each number is taken by exactly one sale (also enforced by
 *   the unique index on transactions (company_id, store_id, number)).
 * - The store's Durable Object runs a store's writes one after another, so they do not queue on
 *   the row lock and numbers follow arrival order; correctness does not depend on it, because
 *   the database lock and the unique index hold even if two writers ever met.
 */
export async function advanceSaleCounters(
  tx: Tx,
  companyId: string,
  storeId: string,
  counts: ReadonlyMap<string, number>,
): Promise<Map<string, number>> {
  // A fixed order, so two writers of several dates would lock the counter rows alike.
  const dates = [...counts.keys()].sort();
  const rows = await tx
    .insert(saleCounters)
    .values(
      dates.map((businessDate) => ({
        companyId,
        storeId,
        businessDate,
        lastNumber: counts.get(businessDate) ?? 0,
      })),
    )
    .onConflictDoUpdate({
      target: [saleCounters.companyId, saleCounters.storeId, saleCounters.businessDate],
      set: {
        lastNumber: sql`${saleCounters.lastNumber} + excluded.last_number`,
        updatedAt: sql`now()`,
      },
    })
    .returning({ businessDate: saleCounters.businessDate, lastNumber: saleCounters.lastNumber });
  const first = new Map<string, number>();
  for (const row of rows) {
    first.set(row.businessDate, row.lastNumber - (counts.get(row.businessDate) ?? 0) + 1);
  }
  if (first.size !== dates.length) throw new Error('sale counter upsert missed a date');
  return first;
}
