import { sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { saleCounters } from '../../db/schema';

/**
 * Gives the next sale number of a store's business date, inside the sale's own transaction.
 *
 * Why the numbers are gap-free and unique:
 * - The counter row is advanced by one upsert (`last_number + 1 … returning`), which takes the
 *   row lock until the transaction ends. A second sale of the same store and date waits for it.
 * - The sale, its items, payments, stock movements and audit row commit in that same
 *   transaction. If anything fails, the rollback also undoes the increment: no number is burnt.
 *   If it commits, the number is taken by exactly one sale (also enforced by the unique index
 *   on transactions (company_id, store_id, number)).
 * - The store's Durable Object runs a store's sales one after another, so they do not queue on
 *   the row lock and numbers follow arrival order; correctness does not depend on it, because
 *   the database lock and the unique index hold even if two writers ever met.
 */
export async function nextSaleSequence(
  tx: Tx,
  companyId: string,
  storeId: string,
  businessDate: string,
): Promise<number> {
  const [row] = await tx
    .insert(saleCounters)
    .values({ companyId, storeId, businessDate, lastNumber: 1 })
    .onConflictDoUpdate({
      target: [saleCounters.companyId, saleCounters.storeId, saleCounters.businessDate],
      set: { lastNumber: sql`${saleCounters.lastNumber} + 1`, updatedAt: sql`now()` },
    })
    .returning({ lastNumber: saleCounters.lastNumber });
  if (!row) throw new Error('sale counter upsert returned nothing');
  return row.lastNumber;
}
