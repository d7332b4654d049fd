import { eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { products, productVariants, type Store, stores, transactions } from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { currentPrices } from '../catalog/prices';

/** A sale already recorded under an id: enough to answer a retry of it. */
export interface ExistingSale {
  requestHash: string;
  number: string;
  total: number;
  flags: string[];
}

export interface SaleVariant {
  id: string;
  name: string;
  sku: string;
  tracksStock: boolean;
  productName: string;
  isTaxable: boolean;
  isActive: boolean;
}

/**
 * What recording a sale reads before its own transaction. An online sale reads it from the
 * database (databaseLookups); a sync batch reads it once for all its sales (preloadedLookups), so
 * a batch of 500 does not ask 500 times for the same store and menu.
 */
export interface SaleLookups {
  existingSale(id: string): Promise<ExistingSale | undefined>;
  store(storeId: string): Promise<Store | undefined>;
  /** Live variants of live products among `ids` (active or not). */
  variants(ids: string[]): Promise<Map<string, SaleVariant>>;
  currentPrices(storeId: string, ids: string[]): Promise<Map<string, number>>;
  /** A sale was just recorded: a later one with the same id is its retry. */
  recorded(id: string, sale: ExistingSale): void;
}

function queryExisting(db: Executor, companyId: string, ids: string[]) {
  return db
    .select({
      id: transactions.id,
      requestHash: transactions.requestHash,
      number: transactions.number,
      total: transactions.total,
      flags: transactions.flags,
    })
    .from(transactions)
    .where(inCompany(transactions, companyId, inArray(transactions.id, ids)));
}

async function queryStore(db: Executor, companyId: string, storeId: string) {
  const [store] = await db
    .select()
    .from(stores)
    .where(inCompany(stores, companyId, eq(stores.id, storeId), isNull(stores.deletedAt)));
  return store;
}

async function queryVariants(db: Executor, companyId: string, ids: string[]) {
  if (ids.length === 0) return new Map<string, SaleVariant>();
  const rows = await db
    .select({
      id: productVariants.id,
      name: productVariants.name,
      sku: productVariants.sku,
      tracksStock: productVariants.tracksStock,
      productName: products.name,
      isTaxable: products.isTaxable,
      isActive: products.isActive,
    })
    .from(productVariants)
    .innerJoin(
      products,
      sameCompanyRow(products, productVariants.companyId, productVariants.productId),
    )
    .where(
      inCompany(
        productVariants,
        companyId,
        inArray(productVariants.id, ids),
        isNull(productVariants.deletedAt),
        isNull(products.deletedAt),
      ),
    );
  return new Map(rows.map((row) => [row.id, row]));
}

export function databaseLookups(db: Executor, companyId: string): SaleLookups {
  return {
    existingSale: async (id) => (await queryExisting(db, companyId, [id]))[0],
    store: (storeId) => queryStore(db, companyId, storeId),
    variants: (ids) => queryVariants(db, companyId, ids),
    currentPrices: (storeId, ids) => currentPrices(db, companyId, storeId, ids),
    recorded: () => undefined,
  };
}

const pick = <Value>(map: Map<string, Value>, ids: string[]) =>
  new Map(ids.flatMap((id) => (map.has(id) ? [[id, map.get(id) as Value] as const] : [])));

/**
 * Everything the sales of one batch will read, in four queries. The batch runs in the store's
 * Durable Object, which records nothing else of that store meanwhile, so the sales recorded
 * during the batch are the only change to what was loaded, and `recorded` keeps track of them.
 */
export async function preloadedLookups(
  db: Executor,
  companyId: string,
  storeId: string,
  sales: Array<{ id: string; items: Array<{ variantId: string }> }>,
): Promise<SaleLookups> {
  const saleIds = [...new Set(sales.map((sale) => sale.id))];
  const variantIds = [
    ...new Set(sales.flatMap((sale) => sale.items.map((item) => item.variantId))),
  ];
  const existing = new Map(
    (saleIds.length > 0 ? await queryExisting(db, companyId, saleIds) : []).map(
      ({ id, ...sale }) => [id, sale],
    ),
  );
  const store = await queryStore(db, companyId, storeId);
  const variants = await queryVariants(db, companyId, variantIds);
  const prices = await currentPrices(db, companyId, storeId, variantIds);
  return {
    existingSale: async (id) => existing.get(id),
    store: async (wanted) => (wanted === storeId ? store : queryStore(db, companyId, wanted)),
    variants: async (ids) => pick(variants, ids),
    currentPrices: async (wanted, ids) =>
      wanted === storeId ? pick(prices, ids) : currentPrices(db, companyId, wanted, ids),
    recorded: (id, sale) => void existing.set(id, sale),
  };
}
