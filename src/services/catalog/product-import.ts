import { inArray, isNull, or, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor } from '../../db/client';
import { categories, products, productVariants } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { conflictsOnUnique } from '../../db/unique-violation';
import { ApiError, type FieldProblem } from '../../lib/errors';
import { recordAudits } from '../audit';
import { type PriceChange, recordPriceChanges } from './prices';

/**
 * Products from a spreadsheet (the console reads the CSV; this takes its rows): all of them or
 * none. Every row is checked before anything is written — SKUs repeated in the file or already in
 * use, category names the company does not have — and all refusals come back together as field
 * errors (`rows.<n>.<field>`), so the owner fixes the file once. Then one transaction writes the
 * products, their default variants, their starting prices and one audit row each, in a constant
 * number of statements whatever the file's length.
 */
export interface ImportRow {
  name: string;
  sku: string;
  price: number;
  cost?: number | null;
  /** A category of the company, by name (case and surrounding spaces ignored). */
  category?: string | null;
  barcode?: string | null;
  unit?: string;
  tracksStock?: boolean;
  isTaxable?: boolean;
}

export interface ImportResult {
  imported: number;
  products: Array<{ id: string; sku: string; name: string }>;
}

const categoryKey = (name: string) => name.trim().toLocaleLowerCase('id-ID');

function repeatedSkus(rows: ImportRow[]): FieldProblem[] {
  const firstRow = new Map<string, number>();
  const problems: FieldProblem[] = [];
  rows.forEach((row, index) => {
    const first = firstRow.get(row.sku);
    if (first === undefined) firstRow.set(row.sku, index);
    else {
      problems.push({
        path: `rows.${index}.sku`,
        code: 'duplicate',
        message: { key: 'catalog.importSkuRepeated', params: { sku: row.sku, row: first + 1 } },
      });
    }
  });
  return problems;
}

async function skusInUse(
  db: Executor,
  companyId: string,
  rows: ImportRow[],
): Promise<FieldProblem[]> {
  const skus = rows.map((row) => row.sku);
  const taken = await db
    .select({ sku: products.sku })
    .from(products)
    .where(inCompany(products, companyId, inArray(products.sku, skus), isNull(products.deletedAt)))
    .union(
      db
        .select({ sku: productVariants.sku })
        .from(productVariants)
        .where(
          inCompany(
            productVariants,
            companyId,
            inArray(productVariants.sku, skus),
            isNull(productVariants.deletedAt),
          ),
        ),
    );
  const takenSkus = new Set(taken.map((row) => row.sku));
  return rows.flatMap((row, index) =>
    takenSkus.has(row.sku)
      ? [
          {
            path: `rows.${index}.sku`,
            code: 'taken',
            message: { key: 'catalog.skuTaken', params: { sku: row.sku } },
          },
        ]
      : [],
  );
}

/** The company's categories by name; a name two categories share is ambiguous, so refused. */
async function categoryIds(
  db: Executor,
  companyId: string,
  rows: ImportRow[],
): Promise<{ ids: Map<string, string>; problems: FieldProblem[] }> {
  const wanted = [
    ...new Set(rows.flatMap((row) => (row.category ? [categoryKey(row.category)] : []))),
  ];
  const ids = new Map<string, string>();
  const ambiguous = new Set<string>();
  if (wanted.length > 0) {
    const found = await db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(
        inCompany(
          categories,
          companyId,
          isNull(categories.deletedAt),
          or(...wanted.map((name) => sql`lower(trim(${categories.name})) = ${name}`)),
        ),
      );
    for (const category of found) {
      const key = categoryKey(category.name);
      if (ids.has(key)) ambiguous.add(key);
      ids.set(key, category.id);
    }
  }
  const problems = rows.flatMap((row, index): FieldProblem[] => {
    if (!row.category) return [];
    const key = categoryKey(row.category);
    if (ambiguous.has(key) || !ids.has(key)) {
      return [
        {
          path: `rows.${index}.category`,
          code: ambiguous.has(key) ? 'ambiguous' : 'unknown',
          message: {
            key: ambiguous.has(key)
              ? 'catalog.importCategoryAmbiguous'
              : 'catalog.importCategoryUnknown',
            params: { category: row.category },
          },
        },
      ];
    }
    return [];
  });
  return { ids, problems };
}

/** Another request took one of the file's SKUs between the check and the insert. */
const raced = () => new ApiError('CONFLICT', { detail: { key: 'catalog.importRaced' } });

export async function importProducts(
  db: Db,
  actor: Actor,
  rows: ImportRow[],
): Promise<ImportResult> {
  return conflictsOnUnique(
    () =>
      db.transaction(async (tx) => {
        const [inUse, categoryLookup] = await Promise.all([
          skusInUse(tx, actor.companyId, rows),
          categoryIds(tx, actor.companyId, rows),
        ]);
        const problems = [...repeatedSkus(rows), ...inUse, ...categoryLookup.problems].sort(
          (a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }),
        );
        if (problems.length > 0) {
          throw new ApiError('UNPROCESSABLE', {
            detail: { key: 'catalog.importRefused', params: { count: problems.length } },
            errors: problems,
          });
        }

        const inserted = await tx
          .insert(products)
          .values(
            rows.map((row) => ({
              companyId: actor.companyId,
              categoryId: row.category
                ? (categoryLookup.ids.get(categoryKey(row.category)) ?? null)
                : null,
              name: row.name,
              sku: row.sku,
              barcodes: row.barcode ? [row.barcode] : [],
              ...(row.unit ? { unit: row.unit } : {}),
              price: row.price,
              cost: row.cost ?? null,
              ...(row.isTaxable === undefined ? {} : { isTaxable: row.isTaxable }),
              variantOptions: {},
            })),
          )
          .returning();
        const bySku = new Map(rows.map((row) => [row.sku, row]));
        const variants = await tx
          .insert(productVariants)
          .values(
            inserted.map((product) => ({
              companyId: actor.companyId,
              productId: product.id,
              name: product.name,
              sku: product.sku,
              barcode: product.barcodes[0] ?? null,
              optionValues: {},
              tracksStock: bySku.get(product.sku)?.tracksStock ?? true,
              isDefault: true,
            })),
          )
          .returning();
        await recordPriceChanges(
          tx,
          ...inserted.map(
            (product): PriceChange => ({
              companyId: actor.companyId,
              productId: product.id,
              variantId: null,
              storeId: null,
              oldPrice: null,
              newPrice: product.price,
              changedBy: actor.userId,
            }),
          ),
        );
        const variantOf = new Map(variants.map((variant) => [variant.productId, variant]));
        await recordAudits(
          tx,
          inserted.map((product) => ({
            author: actor,
            entry: {
              action: 'product.create',
              entityType: 'product',
              entityId: product.id,
              after: { ...product, variants: [variantOf.get(product.id)], source: 'import' },
            },
          })),
        );
        return {
          imported: inserted.length,
          products: inserted.map((product) => ({
            id: product.id,
            sku: product.sku,
            name: product.name,
          })),
        };
      }),
    { products_company_sku_live_key: raced, product_variants_company_sku_live_key: raced },
  );
}
