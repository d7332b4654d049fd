import { and, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
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

/** The newest history entry of one level at or before `at`; its new_price (null when cleared). */
function newestAt(levelCondition: SQL, companyId: string, at: Date): SQL {
  return sql`(
    select ${priceHistory.newPrice} from ${priceHistory}
    where ${priceHistory.companyId} = ${companyId} and ${levelCondition}
      and ${priceHistory.effectiveFrom} <= ${at.toISOString()}::timestamptz
    order by ${priceHistory.effectiveFrom} desc, ${priceHistory.createdAt} desc, ${priceHistory.id} desc
    limit 1
  )`;
}

/**
 * What this variant cost in this store at time `at`, in one query: the newest entry at or before
 * `at` of each level (store, variant override, product), the first that is not cleared. Null when
 * the variant is unknown or had no price yet at that time.
 */
export async function priceAt(
  db: Executor,
  companyId: string,
  variantId: string,
  storeId: string | null,
  at: Date,
): Promise<number | null> {
  const productOfVariant = sql`(
    select ${productVariants.productId} from ${productVariants}
    where ${productVariants.companyId} = ${companyId} and ${productVariants.id} = ${variantId}
  )`;
  const storeLevel = storeId
    ? newestAt(
        sql`${priceHistory.variantId} = ${variantId} and ${priceHistory.storeId} = ${storeId}`,
        companyId,
        at,
      )
    : sql`null`;
  const variantLevel = newestAt(
    sql`${priceHistory.variantId} = ${variantId} and ${priceHistory.storeId} is null`,
    companyId,
    at,
  );
  const productLevel = newestAt(
    sql`${priceHistory.productId} = ${productOfVariant} and ${priceHistory.variantId} is null`,
    companyId,
    at,
  );
  const result = await db.execute<{ price: string | number | null }>(
    sql`select coalesce(${storeLevel}, ${variantLevel}, ${productLevel}) as price`,
  );
  const price = result.rows[0]?.price;
  return price === null || price === undefined ? null : Number(price);
}

/**
 * What each variant cost in a store at time `at` (one priceAt query per variant: a sale has few).
 * Variants without a price at that time are absent from the map.
 */
export async function pricesAt(
  db: Executor,
  companyId: string,
  storeId: string,
  variantIds: string[],
  at: Date,
): Promise<Map<string, number>> {
  const prices = new Map<string, number>();
  for (const variantId of variantIds) {
    const price = await priceAt(db, companyId, variantId, storeId, at);
    if (price !== null) prices.set(variantId, price);
  }
  return prices;
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
  const storePrice = storeId
    ? sql<number | null>`${storePrices.price}`
    : sql<number | null>`null::bigint`;
  const query = db
    .select({
      variantId: productVariants.id,
      price: sql<
        string | number
      >`coalesce(${storePrice}, ${productVariants.priceOverride}, ${products.price})`,
    })
    .from(productVariants)
    .innerJoin(
      products,
      sameCompanyRow(products, productVariants.companyId, productVariants.productId),
    );
  const joined = storeId
    ? query.leftJoin(
        storePrices,
        and(
          eq(storePrices.companyId, productVariants.companyId),
          eq(storePrices.variantId, productVariants.id),
          eq(storePrices.storeId, storeId),
          isNull(storePrices.deletedAt),
        ),
      )
    : query;
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
  const before = query.cursor ? decodeCursor(query.cursor, 'request.invalidCursor') : undefined;
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
