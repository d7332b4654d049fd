import { and, desc, eq, inArray, isNull, type SQLWrapper, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { priceHistory, products, productVariants, storePrices } from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../../lib/cursor';
import { uuidv7 } from '../../lib/ids';

/**
 * Prices of variants. The effective price of a variant in a store is its store price, else the
 * variant's price override, else the product price. Every change at any of those levels is also
 * written to price_history (in the caller's transaction), so the price at any past moment can be
 * answered from the history alone.
 */

export interface PriceChange {
  companyId: string;
  productId: string;
  /** Null for the product price. */
  variantId: string | null;
  /** Set (with variantId) for a store price. */
  storeId: string | null;
  oldPrice: number | null;
  /** Null when the level was cleared and the level below applies again. */
  newPrice: number | null;
  changedBy: string | null;
}

/** Writes history rows; effective_from is the transaction's now(). Call it inside the change's transaction. */
export async function recordPriceChanges(tx: Executor, ...changes: PriceChange[]): Promise<void> {
  if (changes.length === 0) return;
  // v7 ids sort by creation, so two changes of one level in one transaction keep their order.
  await tx.insert(priceHistory).values(changes.map((change) => ({ id: uuidv7(), ...change })));
}

interface HistoryEntry {
  newPrice: number | null;
  /** effective_from and created_at in microseconds since the epoch: exact, as Postgres orders. */
  effectiveFrom: number;
  createdAt: number;
  id: string;
}

/** Newest first, in the order Postgres would pick "the newest entry at or before". */
const newestFirst = (a: HistoryEntry, b: HistoryEntry) =>
  b.effectiveFrom - a.effectiveFrom ||
  b.createdAt - a.createdAt ||
  (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/**
 * The price history of some variants in one store, for moments within a span, read in one
 * statement: per level (store price, variant override, product price) the newest entry at or
 * before the span's start and every entry inside it. `priceAt` then answers for any moment of
 * the span without the database, as one query per variant and moment would.
 */
export class PriceBook {
  readonly #levels = new Map<string, HistoryEntry[]>();

  constructor(
    private readonly storeId: string | null,
    private readonly productOf: ReadonlyMap<string, string>,
  ) {}

  add(level: string, entry: HistoryEntry): void {
    const entries = this.#levels.get(level) ?? [];
    entries.push(entry);
    this.#levels.set(level, entries);
  }

  /** Call once all entries are added. */
  sort(): this {
    for (const entries of this.#levels.values()) entries.sort(newestFirst);
    return this;
  }

  /**
   * What the variant cost at `at`: the newest entry at or before `at` of each level, the first
   * that is not cleared. Null when the variant had no price yet at that time.
   */
  priceAt(variantId: string, at: Date): number | null {
    const micros = at.getTime() * 1000;
    const newest = (level: string) =>
      this.#levels.get(level)?.find((entry) => entry.effectiveFrom <= micros)?.newPrice ?? null;
    const productId = this.productOf.get(variantId);
    return (
      (this.storeId ? newest(storeLevel(variantId, this.storeId)) : null) ??
      newest(variantLevel(variantId)) ??
      (productId ? newest(productLevel(productId)) : null)
    );
  }
}

const storeLevel = (variantId: string, storeId: string) => `s:${variantId}:${storeId}`;
const variantLevel = (variantId: string) => `v:${variantId}`;
const productLevel = (productId: string) => `p:${productId}`;

/** The price history of `variantIds` (of the company) in a store, for moments in [from, to]. */
export async function loadPriceBook(
  db: Executor,
  companyId: string,
  storeId: string | null,
  variantIds: string[],
  span: { from: Date; to: Date },
): Promise<PriceBook> {
  const result =
    variantIds.length === 0
      ? { rows: [] }
      : await db.execute<{
          variant_id: string;
          product_id: string;
          entry_variant_id: string | null;
          entry_store_id: string | null;
          new_price: string | number | null;
          effective_from: string | number;
          created_at: string | number;
          id: string;
        }>(sql`
          with wanted as (
            select ${productVariants.id} as variant_id, ${productVariants.productId} as product_id
            from ${productVariants}
            where ${productVariants.companyId} = ${companyId}
              and ${productVariants.id} in ${variantIds}
          ),
          entries as (
            select h.product_id, h.variant_id as entry_variant_id, h.store_id as entry_store_id,
              h.new_price, h.id, h.effective_from,
              (extract(epoch from h.effective_from) * 1000000)::bigint as effective_micros,
              (extract(epoch from h.created_at) * 1000000)::bigint as created_micros,
              row_number() over (
                partition by h.product_id, h.variant_id, h.store_id
                order by (h.effective_from <= ${span.from.toISOString()}::timestamptz) desc,
                  h.effective_from desc, h.created_at desc, h.id desc
              ) as rank
            from ${priceHistory} h
            where h.company_id = ${companyId}
              and h.effective_from <= ${span.to.toISOString()}::timestamptz
              and h.product_id in (select product_id from wanted)
              and (h.variant_id is null
                or (h.variant_id in (select variant_id from wanted)
                  and (h.store_id is null ${storeId ? sql`or h.store_id = ${storeId}` : sql``})))
          )
          select w.variant_id, w.product_id, e.entry_variant_id, e.entry_store_id, e.new_price,
            e.effective_micros as effective_from, e.created_micros as created_at, e.id
          from wanted w
          left join entries e on e.product_id = w.product_id
            and (e.effective_from > ${span.from.toISOString()}::timestamptz or e.rank = 1)
        `);
  const productOf = new Map<string, string>();
  const seen = new Set<string>();
  const rows = result.rows;
  const book = new PriceBook(storeId, productOf);
  for (const row of rows) {
    productOf.set(row.variant_id, row.product_id);
    if (row.id === null || seen.has(row.id)) continue;
    seen.add(row.id);
    const level = row.entry_store_id
      ? storeLevel(row.entry_variant_id ?? '', row.entry_store_id)
      : row.entry_variant_id
        ? variantLevel(row.entry_variant_id)
        : productLevel(row.product_id);
    book.add(level, {
      newPrice: row.new_price === null ? null : Number(row.new_price),
      effectiveFrom: Number(row.effective_from),
      createdAt: Number(row.created_at),
      id: row.id,
    });
  }
  return book.sort();
}

/** What one variant cost in a store (or company-wide with a null store) at time `at`. */
export async function priceAt(
  db: Executor,
  companyId: string,
  variantId: string,
  storeId: string | null,
  at: Date,
): Promise<number | null> {
  const book = await loadPriceBook(db, companyId, storeId, [variantId], { from: at, to: at });
  return book.priceAt(variantId, at);
}

/**
 * The effective price rule, for a select over product_variants joined to products (and, for a
 * store, left-joined to its store_prices with storePriceOfVariant): the store price, else the
 * variant's override, else the product price.
 */
export function effectivePrice(storePrice: SQLWrapper) {
  return sql<
    string | number
  >`coalesce(${storePrice}, ${productVariants.priceOverride}, ${products.price})`;
}

/** The live store price of the joined variant in a store: the left join's condition. */
export function storePriceOfVariant(storeId: string) {
  return and(
    eq(storePrices.companyId, productVariants.companyId),
    eq(storePrices.variantId, productVariants.id),
    eq(storePrices.storeId, storeId),
    isNull(storePrices.deletedAt),
  );
}

/**
 * The current effective price of each variant in a store (or the company price without a store),
 * in one query whatever the number of variants. Unknown variants are absent from the map.
 */
export async function currentPrices(
  db: Executor,
  companyId: string,
  storeId: string | null,
  variantIds: string[],
): Promise<Map<string, number>> {
  if (variantIds.length === 0) return new Map();
  const query = db
    .select({
      variantId: productVariants.id,
      price: effectivePrice(storeId ? storePrices.price : sql`null::bigint`),
    })
    .from(productVariants)
    .innerJoin(
      products,
      sameCompanyRow(products, productVariants.companyId, productVariants.productId),
    );
  const joined = storeId ? query.leftJoin(storePrices, storePriceOfVariant(storeId)) : query;
  const rows = await joined.where(
    inCompany(productVariants, companyId, inArray(productVariants.id, variantIds)),
  );
  return new Map(rows.map((row) => [row.variantId, Number(row.price)]));
}

export interface PriceHistoryQuery {
  limit: number;
  cursor?: string;
  variantId?: string;
  storeId?: string;
}

/** A product's price history at every level, newest first (the product must be checked first). */
export async function listPriceHistory(
  db: Executor,
  companyId: string,
  productId: string,
  query: PriceHistoryQuery,
) {
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({
      id: priceHistory.id,
      productId: priceHistory.productId,
      variantId: priceHistory.variantId,
      storeId: priceHistory.storeId,
      level: sql<'product' | 'variant' | 'store'>`case
        when ${priceHistory.storeId} is not null then 'store'
        when ${priceHistory.variantId} is not null then 'variant'
        else 'product' end`,
      oldPrice: priceHistory.oldPrice,
      newPrice: priceHistory.newPrice,
      changedBy: priceHistory.changedBy,
      effectiveFrom: priceHistory.effectiveFrom,
      cursorAt: cursorTimestamp(priceHistory.effectiveFrom),
    })
    .from(priceHistory)
    .where(
      inCompany(
        priceHistory,
        companyId,
        eq(priceHistory.productId, productId),
        query.variantId ? eq(priceHistory.variantId, query.variantId) : undefined,
        query.storeId ? eq(priceHistory.storeId, query.storeId) : undefined,
        before
          ? beyondCursor({ at: priceHistory.effectiveFrom, id: priceHistory.id }, before, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(priceHistory.effectiveFrom), desc(priceHistory.id))
    .limit(query.limit + 1);
  return pageOf(rows, query.limit);
}
