import { eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  products,
  productVariants,
  type Store,
  storePrices,
  stores,
  transactions,
  users,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { effectivePrice, storePriceOfVariant } from '../catalog/prices';
import { openShiftOnTill } from '../shifts/shift-records';
import { historyFromJson, type SettingsEntry, settingsHistoryOf } from '../stores/dated-settings';
import type { MenuModifierGroup } from './line-modifiers';

/**
 * What recording sales reads before writing them. An online sale reads it for itself; a sync
 * batch reads it once for all its sales, so a batch of 500 does not ask 500 times for the same
 * store and menu. Each function is one statement, whatever the number of ids.
 */

/** A sale already recorded under an id: enough to answer a retry of it. */
export interface ExistingSale {
  requestHash: string;
  number: string;
  total: number;
  flags: string[];
}

/** A variant as a sale needs it, with its current effective price in the store. */
export interface SaleVariant {
  id: string;
  productId: string;
  name: string;
  sku: string;
  tracksStock: boolean;
  productName: string;
  isTaxable: boolean;
  isActive: boolean;
  /** Where the product's kitchen tickets go (null: the one kitchen). */
  kitchenStation: string | null;
  /** The product's cost per unit now, recorded on the sale line. */
  cost: number | null;
  /** Store price, else the variant's override, else the product price. */
  currentPrice: number;
  /** The live modifier groups the product offers, in its order, with their live options. */
  modifierGroups: MenuModifierGroup[];
}

/** The sales of the company among `ids`, by id. */
export async function findExistingSales(
  db: Executor,
  companyId: string,
  ids: string[],
): Promise<Map<string, ExistingSale>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: transactions.id,
      requestHash: transactions.requestHash,
      number: transactions.number,
      total: transactions.total,
      flags: transactions.flags,
    })
    .from(transactions)
    .where(inCompany(transactions, companyId, inArray(transactions.id, ids)));
  return new Map(rows.map(({ id, ...sale }) => [id, sale]));
}

export type SaleStore = Store & {
  /** The store's dated settings, oldest first: a sale is priced with those in force at its moment. */
  settingsHistory: SettingsEntry[];
  cashierName: string | null;
  /** The company's sale already recorded under the id asked about, if any. */
  existingSale: ExistingSale | null;
  /** The shift open in this store on the till of the session asked about, if any. */
  openShiftId: string | null;
};

/**
 * A live store of the company and its settings history, in one statement with what an online
 * sale also asks: the name of its cashier, whether its id is already a sale of the company (a
 * retry), and the shift open on its till in this store.
 */
export async function loadSaleStore(
  db: Executor,
  companyId: string,
  storeId: string,
  about: { cashierId?: string; saleId?: string; deviceSessionId?: string | null } = {},
): Promise<SaleStore | undefined> {
  const { cashierId, saleId, deviceSessionId } = about;
  const [row] = await db
    .select({
      store: stores,
      history: settingsHistoryOf(),
      cashierName: cashierId
        ? sql<string | null>`(select ${users.name} from ${users}
            where ${users.companyId} = ${companyId} and ${users.id} = ${cashierId})`
        : sql<null>`null`,
      existingSale: saleId
        ? sql<ExistingSale | null>`(select json_build_object(
            'requestHash', ${transactions.requestHash}, 'number', ${transactions.number},
            'total', ${transactions.total}, 'flags', ${transactions.flags})
            from ${transactions}
            where ${transactions.companyId} = ${companyId} and ${transactions.id} = ${saleId})`
        : sql<null>`null`,
      openShiftId: deviceSessionId
        ? openShiftOnTill(companyId, storeId, deviceSessionId)
        : sql<null>`null`,
    })
    .from(stores)
    .where(inCompany(stores, companyId, eq(stores.id, storeId), isNull(stores.deletedAt)));
  return (
    row && {
      ...row.store,
      settingsHistory: historyFromJson(row.history),
      cashierName: row.cashierName,
      existingSale: row.existingSale,
      openShiftId: row.openShiftId,
    }
  );
}

/**
 * The modifier groups of the variant's product, for loadMenu's statement (no round trip), each
 * option's delta as the store charges it: its own store delta, else the company's.
 */
function offeredModifierGroups(storeId: string) {
  return sql<MenuModifierGroup[]>`coalesce((
    select jsonb_agg(jsonb_build_object('id', g.id, 'name', g.name,
        'minSelections', g.min_selections, 'maxSelections', g.max_selections,
        'isActive', g.is_active,
        'options', coalesce((
          select jsonb_agg(jsonb_build_object('id', o.id, 'name', o.name,
              'priceDelta', coalesce((select smp.price_delta from store_modifier_prices smp
                where smp.company_id = o.company_id and smp.store_id = ${storeId}
                  and smp.option_id = o.id and smp.deleted_at is null), o.price_delta),
              'isActive', o.is_active,
              'stockVariantId', o.stock_variant_id,
              'stockTracked', coalesce(sv.tracks_stock and sv.deleted_at is null, false))
            order by o.sort_order, o.name)
          from modifier_options o
          left join product_variants sv
            on sv.company_id = o.company_id and sv.id = o.stock_variant_id
          where o.company_id = g.company_id and o.group_id = g.id and o.deleted_at is null),
          '[]'::jsonb))
      order by pmg.sort_order)
    from product_modifier_groups pmg
    join modifier_groups g
      on g.company_id = pmg.company_id and g.id = pmg.group_id and g.deleted_at is null
    where pmg.company_id = ${productVariants.companyId}
      and pmg.product_id = ${productVariants.productId} and pmg.deleted_at is null),
    '[]'::jsonb)`;
}

/** Live variants of live products among `ids` (active or not), priced for the store. */
export async function loadMenu(
  db: Executor,
  companyId: string,
  storeId: string,
  ids: string[],
): Promise<Map<string, SaleVariant>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: productVariants.id,
      productId: productVariants.productId,
      name: productVariants.name,
      sku: productVariants.sku,
      tracksStock: productVariants.tracksStock,
      productName: products.name,
      isTaxable: products.isTaxable,
      isActive: products.isActive,
      kitchenStation: products.kitchenStation,
      cost: products.cost,
      currentPrice: effectivePrice(storePrices.price),
      modifierGroups: offeredModifierGroups(storeId),
    })
    .from(productVariants)
    .innerJoin(
      products,
      sameCompanyRow(products, productVariants.companyId, productVariants.productId),
    )
    .leftJoin(storePrices, storePriceOfVariant(storeId))
    .where(
      inCompany(
        productVariants,
        companyId,
        inArray(productVariants.id, ids),
        isNull(productVariants.deletedAt),
        isNull(products.deletedAt),
      ),
    );
  return new Map(rows.map((row) => [row.id, { ...row, currentPrice: Number(row.currentPrice) }]));
}
