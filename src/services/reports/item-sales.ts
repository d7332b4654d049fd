import { type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  type Freshness,
  freshnessOf,
  inReport,
  numbersOf,
  type ReportRange,
  type ReportScope,
  sumsOf,
} from './report-scope';

/**
 * What sold (`GET /api/v1/reports/items`): the range's item rollups grouped by variant, product or
 * category (names as they are now), the top N by quantity or net, with the range's totals over
 * every item, in one indexed query; and what the modifier options added (`…/options`).
 */

export type ItemGrouping = 'variant' | 'product' | 'category';
export type ItemSort = 'quantity' | 'net';

const itemColumns = [
  ['quantity', 'quantity'],
  ['gross', 'gross'],
  ['discounts', 'discounts'],
  ['net', 'net'],
  ['cost', 'cost'],
  ['uncostedQuantity', 'uncosted_quantity'],
  ['refundedQuantity', 'refunded_quantity'],
  ['refundsAmount', 'refunds_amount'],
  ['voidedQuantity', 'voided_quantity'],
  ['voidsAmount', 'voids_amount'],
] as const;
const itemNames = itemColumns.map(([name]) => name);

type ItemNumbers = Record<(typeof itemNames)[number], number>;

export type ItemFigures = ItemNumbers & {
  /** net − cost; null when some units had no recorded cost (their profit is unknown). */
  grossProfit: number | null;
};

export interface ItemRow extends ItemFigures {
  /** The variant, product or category; null for the products without a category. */
  id: string | null;
  name: string;
  /** The variant's name and SKU (by variant only). */
  variantName: string | null;
  sku: string | null;
}

export interface ItemsReport {
  from: string;
  to: string;
  by: ItemGrouping;
  sort: ItemSort;
  /** How many variants, products or categories sold in the range (rows holds the top ones). */
  count: number;
  rows: ItemRow[];
  /** Over every item of the range, not only the rows shown. */
  totals: ItemFigures;
  freshness: Freshness;
}

const groupings: Record<ItemGrouping, { id: SQL; name: SQL; variantName: SQL; sku: SQL }> = {
  variant: { id: sql`v.id`, name: sql`p.name`, variantName: sql`v.name`, sku: sql`v.sku` },
  product: { id: sql`p.id`, name: sql`p.name`, variantName: sql`null`, sku: sql`p.sku` },
  category: {
    id: sql`c.id`,
    name: sql`coalesce(c.name, '')`,
    variantName: sql`null`,
    sku: sql`null`,
  },
};

function figuresOf(raw: Record<string, unknown>): ItemFigures {
  const figures = numbersOf(raw, itemNames);
  return {
    ...figures,
    grossProfit: figures.uncostedQuantity > 0 ? null : figures.net - figures.cost,
  };
}

export async function itemsReport(
  db: Executor,
  scope: ReportScope,
  query: ReportRange & { by: ItemGrouping; sort: ItemSort; limit: number },
): Promise<ItemsReport> {
  const group = groupings[query.by];
  const totals = sql.join(
    itemColumns.map(
      ([name, column]) =>
        sql`coalesce(sum(sum(d.${sql.raw(column)})) over (), 0)::bigint as ${sql.identifier(`total_${name}`)}`,
    ),
    sql`, `,
  );
  const rows = await db.execute<Record<string, unknown>>(sql`
    select ${group.id} as id, ${group.name} as name, ${group.variantName} as "variantName",
      ${group.sku} as sku, ${sumsOf('d', itemColumns)}, ${totals},
      count(*) over ()::int as groups
    from daily_item_sales d
      join product_variants v on v.company_id = d.company_id and v.id = d.variant_id
      join products p on p.company_id = v.company_id and p.id = v.product_id
      left join categories c on c.company_id = p.company_id and c.id = p.category_id
    where ${inReport('d', scope, query)}
    group by 1, 2, 3, 4
    order by sum(d.${sql.raw(query.sort)}) desc, 2, 1
    limit ${query.limit}`);
  const [first] = rows.rows;
  return {
    from: query.from,
    to: query.to,
    by: query.by,
    sort: query.sort,
    count: Number(first?.groups ?? 0),
    rows: rows.rows.map((row) => ({
      id: (row.id as string | null) ?? null,
      name: String(row.name),
      variantName: (row.variantName as string | null) ?? null,
      sku: (row.sku as string | null) ?? null,
      ...figuresOf(row),
    })),
    totals: figuresOf(
      Object.fromEntries(itemNames.map((name) => [name, first?.[`total_${name}`] ?? 0])),
    ),
    freshness: await freshnessOf(db, scope, query),
  };
}

export interface OptionRow {
  id: string;
  name: string;
  groupName: string;
  quantity: number;
  gross: number;
}

/** The modifier options sold in the range (by the sale's date), most chosen first. */
export async function optionsReport(
  db: Executor,
  scope: ReportScope,
  query: ReportRange & { limit: number },
): Promise<{ from: string; to: string; rows: OptionRow[]; freshness: Freshness }> {
  const rows = await db.execute<Record<string, unknown>>(sql`
    select o.id, o.name, g.name as "groupName", ${sumsOf('d', [
      ['quantity', 'quantity'],
      ['gross', 'gross'],
    ])}
    from daily_option_sales d
      join modifier_options o on o.company_id = d.company_id and o.id = d.option_id
      join modifier_groups g on g.company_id = o.company_id and g.id = o.group_id
    where ${inReport('d', scope, query)}
    group by o.id, o.name, g.name
    order by sum(d.quantity) desc, g.name, o.name
    limit ${query.limit}`);
  return {
    from: query.from,
    to: query.to,
    rows: rows.rows.map((row) => ({
      id: String(row.id),
      name: String(row.name),
      groupName: String(row.groupName),
      ...numbersOf(row, ['quantity', 'gross'] as const),
    })),
    freshness: await freshnessOf(db, scope, query),
  };
}
