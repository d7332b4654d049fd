import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { SaleShop } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { offlineSale, type SaleResultBody, type UploadBody, upload } from '../sync/helpers';
import { type Member, send } from '../users/helpers';

/**
 * A till's outbox as the PWA keeps it: the sales it recorded offline, flushed in batches until
 * each one has the number the server gave it. It resends a batch it did not hear back on with
 * the same batch id, drops a sale the server refused for good (reported to the cashier), and
 * keeps a sale answered `retryable` for the next flush. What it was told is kept, so a test can
 * hold it against the database.
 */

export type OfflineSaleBody = ReturnType<typeof offlineSale>;

/** An answer that was not a 200: what the till saw instead of its results. */
export interface FaultAnswer {
  status: number;
  code: string | null;
  retryAfter: string | null;
}

export class Till {
  readonly sales: OfflineSaleBody[] = [];
  /** Sale id → the number the server gave it, the first time it said so. */
  readonly numbers = new Map<string, string>();
  /** Sales refused for good (not retryable): the cashier is told, the till stops sending them. */
  readonly refused = new Map<string, SaleResultBody>();
  readonly faults: FaultAnswer[] = [];
  /** Sale results answered `retryable` (a fault of the server's, per sale). */
  retryableResults = 0;
  uploads = 0;
  #batch: { id: string; saleIds: string } | undefined;

  constructor(
    readonly shop: SaleShop,
    readonly uploader: Member,
    readonly batchSize = 200,
  ) {}

  /** Records `count` sales of one coffee (or as `overrides` say) and returns them. */
  record(count: number, overrides: (index: number) => Record<string, unknown> = () => ({})) {
    const made = Array.from({ length: count }, (_, index) =>
      offlineSale(this.shop, overrides(index)),
    );
    this.sales.push(...made);
    return made;
  }

  /**
   * A sale rung up while the till believes it is online: sent at once as an online sale with its
   * own id. When that fails (a 503, no connection) it stays in the outbox and goes with the next
   * offline batch, under the same id, as the PWA does.
   */
  async sellOnline(): Promise<void> {
    const [sale] = this.record(1);
    if (!sale) return;
    const { clientCreatedAt: _at, cashierId: _cashier, ...body } = sale;
    let response: Response;
    try {
      response = await send(this.uploader.session, 'POST', '/api/v1/transactions', body);
    } catch (error) {
      this.faults.push({ status: 0, code: String(error), retryAfter: null });
      return;
    }
    if (response.status === 200 || response.status === 201) {
      const answered = await response.json<{ number: string }>();
      this.#take({ index: 0, id: sale.id, status: 'accepted', number: answered.number });
      return;
    }
    const text = await response.text();
    if (response.status !== 503) throw new Error(`online sale: ${response.status} ${text}`);
    this.faults.push({
      status: response.status,
      code: (JSON.parse(text) as { code?: string }).code ?? null,
      retryAfter: response.headers.get('Retry-After'),
    });
  }

  /** Another tab of the same browser: the same outbox, its own view of the answers. */
  tab(): Till {
    const other = new Till(this.shop, this.uploader, this.batchSize);
    other.sales.push(...this.sales);
    return other;
  }

  get pending(): OfflineSaleBody[] {
    return this.sales.filter((sale) => !this.numbers.has(sale.id) && !this.refused.has(sale.id));
  }

  /** One upload of the next batch of pending sales; false when there was nothing to send. */
  async flushOnce(): Promise<boolean> {
    const batch = this.pending.slice(0, this.batchSize);
    if (batch.length === 0) return false;
    const saleIds = batch.map((sale) => sale.id).join(',');
    if (this.#batch?.saleIds !== saleIds) this.#batch = { id: crypto.randomUUID(), saleIds };
    this.uploads += 1;
    let response: Response;
    try {
      response = await upload(this.uploader, {
        batchId: this.#batch.id,
        storeId: this.shop.store.id,
        sales: batch,
      });
    } catch (error) {
      // The connection itself failed: what a till sees when a request times out.
      this.faults.push({ status: 0, code: String(error), retryAfter: null });
      return true;
    }
    if (response.status !== 200) {
      const problem = await response.json<{ code?: string }>().catch(() => ({ code: undefined }));
      this.faults.push({
        status: response.status,
        code: problem.code ?? null,
        retryAfter: response.headers.get('Retry-After'),
      });
      return true;
    }
    const body = await response.json<UploadBody>();
    for (const result of body.results) this.#take(result);
    return true;
  }

  #take(result: SaleResultBody): void {
    if (!result.id) throw new Error(`a result without an id: ${JSON.stringify(result)}`);
    if (result.status === 'rejected') {
      if (result.retryable) this.retryableResults += 1;
      else this.refused.set(result.id, result);
      return;
    }
    const known = this.numbers.get(result.id);
    // A sale answered twice (a retry, another tab) must be answered with the same number.
    expect(result.number, `sale ${result.id} answered again`).toBe(known ?? result.number);
    if (result.number) this.numbers.set(result.id, result.number);
  }

  /** Flushes until nothing is pending, waiting as a till does between failed tries. */
  async flushUntilDone({ attempts = 40, pauseMs = 250 } = {}): Promise<void> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const faultsBefore = this.faults.length;
      if (!(await this.flushOnce())) return;
      if (this.faults.length > faultsBefore) await pause(pauseMs);
    }
    throw new Error(`the till still has ${this.pending.length} sales after ${attempts} uploads`);
  }
}

export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Every answer that was not a result was one a till retries by itself: a 503 problem with
 * Retry-After, or a connection that failed outright. Never a 500, never a refusal of a good batch.
 */
export function expectOnlyRetryableFaults(till: Till): void {
  for (const fault of till.faults) {
    if (fault.status === 0) continue;
    expect(fault, 'a fault the till would not retry').toMatchObject({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
    });
    expect(Number(fault.retryAfter)).toBeGreaterThan(0);
  }
}

type SaleRow = {
  id: string;
  number: string;
  business_date: string;
  client_reference: string;
  audits: number;
  sale_movements: number;
  coffees: number;
};

/**
 * The invariants of a store after its tills are done, read from the database:
 *   - 0 lost: every sale the till was given a number for is there, with that number, and every
 *     sale it recorded has a number or was refused for good;
 *   - 0 duplicated: one row per sale the till recorded, no row it did not record;
 *   - numbers gap-free: each business date's numbers are 1…n, and its counter says n;
 *   - stock equal to the movements: each level is its opening quantity plus its movements, and
 *     every coffee sold took exactly one off;
 *   - one audit row per sale.
 */
export async function expectStoreInvariants(
  till: Till,
  openingStock: ReadonlyMap<string, number>,
): Promise<{ sales: number }> {
  const { companyId, store, coffee } = till.shop;
  const { rows, counters, levels } = await withDatabase(async ({ db }) => {
    const sales = await db.execute<SaleRow>(sql`
      select t.id, t.number, t.business_date::text as business_date, t.client_reference,
        (select count(*)::int from audit_logs a
          where a.company_id = t.company_id and a.entity_type = 'transaction'
            and a.entity_id = t.id and a.action in ('transaction.sync', 'transaction.create'))
          as audits,
        (select count(*)::int from stock_movements m
          where m.company_id = t.company_id and m.reference_id = t.id and m.kind = 'sale')
          as sale_movements,
        (select coalesce(sum(i.quantity), 0)::int from transaction_items i
          where i.company_id = t.company_id and i.transaction_id = t.id
            and i.variant_id = ${coffee.id}) as coffees
      from transactions t where t.company_id = ${companyId} and t.store_id = ${store.id}`);
    const counters = await db.execute<{ business_date: string; last_number: number }>(sql`
      select business_date::text as business_date, last_number from sale_counters
      where company_id = ${companyId} and store_id = ${store.id}`);
    const levels = await db.execute<{ variant_id: string; quantity: number; moved: number }>(sql`
      select l.variant_id, l.quantity,
        coalesce((select sum(m.quantity_delta)::int from stock_movements m
          where m.company_id = l.company_id and m.store_id = l.store_id
            and m.variant_id = l.variant_id), 0) as moved
      from inventory_levels l where l.company_id = ${companyId} and l.store_id = ${store.id}`);
    return { rows: sales.rows, counters: counters.rows, levels: levels.rows };
  });

  const recorded = new Set(till.sales.map((sale) => sale.id));
  const byId = new Map(rows.map((row) => [row.id, row]));
  // 0 lost: what the till was told is what the database holds; nothing is left unanswered.
  for (const [id, number] of till.numbers) expect(byId.get(id)?.number, `sale ${id}`).toBe(number);
  expect(till.pending, 'sales the till still holds').toEqual([]);
  // 0 duplicated, and nothing the till did not record.
  expect(rows.length).toBe(byId.size);
  expect(rows.filter((row) => !recorded.has(row.id))).toEqual([]);
  expect(new Set(rows.map((row) => row.client_reference)).size).toBe(rows.length);
  expect(rows.length).toBe(till.numbers.size);
  for (const id of till.refused.keys()) expect(byId.has(id), `refused sale ${id}`).toBe(false);

  // Gap-free numbers per business date, and the counter agrees.
  const perDate = new Map<string, number[]>();
  for (const row of rows) {
    const sequence = Number(row.number.split('-').at(-1));
    perDate.set(row.business_date, [...(perDate.get(row.business_date) ?? []), sequence]);
  }
  for (const [date, sequences] of perDate) {
    sequences.sort((a, b) => a - b);
    expect(sequences, `numbers of ${date}`).toEqual(sequences.map((_, index) => index + 1));
  }
  expect(Object.fromEntries(counters.map((row) => [row.business_date, row.last_number]))).toEqual(
    Object.fromEntries([...perDate].map(([date, sequences]) => [date, sequences.length])),
  );

  // Stock: each level is its opening plus its movements; each coffee sold moved one.
  for (const level of levels) {
    expect(level.quantity, `level of ${level.variant_id}`).toBe(
      (openingStock.get(level.variant_id) ?? 0) + level.moved,
    );
  }
  const coffeesSold = rows.reduce((sum, row) => sum + row.coffees, 0);
  const coffeeLevel = levels.find((level) => level.variant_id === coffee.id);
  expect(coffeeLevel?.moved).toBe(-coffeesSold);
  for (const row of rows) {
    expect(row.sale_movements, `movements of ${row.number}`).toBe(row.coffees > 0 ? 1 : 0);
    expect(row.audits, `audit rows of ${row.number}`).toBe(1);
  }
  return { sales: rows.length };
}
