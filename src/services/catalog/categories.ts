import { and, asc, count, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor } from '../../db/client';
import { type Category, categories, products } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { recordAudit } from '../audit';

/**
 * The category tree of a company. Depth and cycles are checked here (the database only refuses a
 * category being its own parent); tree changes of one company are serialised by a transaction
 * advisory lock, so two concurrent moves cannot build a cycle between them.
 */
export const maxCategoryDepth = 5;

export interface CategoryView {
  id: string;
  parentId: string | null;
  name: string;
  sortOrder: number;
  imageUrl: string | null;
  depth: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

function toView(category: Category, depth: number): CategoryView {
  return {
    id: category.id,
    parentId: category.parentId,
    name: category.name,
    sortOrder: category.sortOrder,
    imageUrl: category.imageUrl,
    depth,
    createdAt: category.createdAt,
    updatedAt: category.updatedAt,
    version: category.version,
  };
}

const categoryNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'catalog.categoryNotFound' } });

const unknownCategory = (categoryId: string) =>
  new ApiError('UNPROCESSABLE', {
    detail: { key: 'catalog.unknownCategory', params: { categoryId } },
  });

async function lockTree(tx: Executor, companyId: string): Promise<void> {
  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`categories:${companyId}`}, 0))`,
  );
}

async function findCategory(
  db: Executor,
  companyId: string,
  categoryId: string,
  forUpdate = false,
) {
  const query = db
    .select()
    .from(categories)
    .where(
      inCompany(categories, companyId, eq(categories.id, categoryId), isNull(categories.deletedAt)),
    );
  const [category] = forUpdate ? await query.for('update') : await query;
  return category;
}

/** The ids from the category up to its root, the category first. */
async function ancestorIds(db: Executor, companyId: string, categoryId: string): Promise<string[]> {
  const result = await db.execute<{ id: string }>(sql`
    with recursive chain(id, parent_id, hops) as (
      select id, parent_id, 0 from categories where company_id = ${companyId} and id = ${categoryId}
      union all
      select c.id, c.parent_id, chain.hops + 1 from categories c
      join chain on c.company_id = ${companyId} and c.id = chain.parent_id
      where chain.hops < 64
    )
    select id from chain order by hops`);
  return result.rows.map((row) => row.id);
}

/** Levels below the category in its live subtree: 0 for a leaf. */
async function subtreeHeight(db: Executor, companyId: string, categoryId: string): Promise<number> {
  const result = await db.execute<{ height: number | string | null }>(sql`
    with recursive below(id, level) as (
      select id, 0 from categories where company_id = ${companyId} and id = ${categoryId}
      union all
      select c.id, below.level + 1 from categories c
      join below on c.company_id = ${companyId} and c.parent_id = below.id and c.deleted_at is null
      where below.level < 64
    )
    select max(level) as height from below`);
  return Number(result.rows[0]?.height ?? 0);
}

/** The parent must be a live category of the company; returns its depth (a root is 1). */
async function parentDepth(db: Executor, companyId: string, parentId: string): Promise<number> {
  const parent = await findCategory(db, companyId, parentId);
  if (!parent) throw unknownCategory(parentId);
  return (await ancestorIds(db, companyId, parentId)).length;
}

function assertDepth(depth: number): void {
  if (depth > maxCategoryDepth) {
    throw new ApiError('UNPROCESSABLE', {
      detail: { key: 'catalog.categoryTooDeep', params: { max: maxCategoryDepth } },
    });
  }
}

/** Every live category, flat with parentId, in tree order (parents before their children). */
export async function listCategories(db: Db, companyId: string): Promise<CategoryView[]> {
  const rows = await db
    .select()
    .from(categories)
    .where(inCompany(categories, companyId, isNull(categories.deletedAt)))
    .orderBy(asc(categories.sortOrder), asc(categories.name), asc(categories.id));
  const children = new Map<string | null, Category[]>();
  const ids = new Set(rows.map((row) => row.id));
  for (const row of rows) {
    // A child of a deleted parent cannot exist (deletion is refused); treat it as a root anyway.
    const parent = row.parentId && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const ordered: CategoryView[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const category of children.get(parentId) ?? []) {
      ordered.push(toView(category, depth));
      visit(category.id, depth + 1);
    }
  };
  visit(null, 1);
  return ordered;
}

export async function getCategory(
  db: Db,
  companyId: string,
  categoryId: string,
): Promise<CategoryView> {
  const category = await findCategory(db, companyId, categoryId);
  if (!category) throw categoryNotFound();
  return toView(category, (await ancestorIds(db, companyId, category.id)).length);
}

export interface CreateCategoryInput {
  name: string;
  parentId?: string | null;
  sortOrder?: number;
  imageUrl?: string | null;
}

export async function createCategory(
  db: Db,
  actor: Actor,
  input: CreateCategoryInput,
): Promise<CategoryView> {
  return db.transaction(async (tx) => {
    await lockTree(tx, actor.companyId);
    const depth = input.parentId ? (await parentDepth(tx, actor.companyId, input.parentId)) + 1 : 1;
    assertDepth(depth);
    const [category] = await tx
      .insert(categories)
      .values({
        companyId: actor.companyId,
        parentId: input.parentId ?? null,
        name: input.name,
        sortOrder: input.sortOrder ?? 0,
        imageUrl: input.imageUrl ?? null,
      })
      .returning();
    if (!category) throw new Error('insert returned no category');
    await recordAudit(tx, actor, {
      action: 'category.create',
      entityType: 'category',
      entityId: category.id,
      after: category,
    });
    return toView(category, depth);
  });
}

export interface UpdateCategoryInput {
  version: number;
  name?: string;
  parentId?: string | null;
  sortOrder?: number;
  imageUrl?: string | null;
}

export async function updateCategory(
  db: Db,
  actor: Actor,
  categoryId: string,
  input: UpdateCategoryInput,
): Promise<CategoryView> {
  return db.transaction(async (tx) => {
    await lockTree(tx, actor.companyId);
    const current = await findCategory(tx, actor.companyId, categoryId, true);
    if (!current) throw categoryNotFound();
    assertCurrentVersion(current, input.version, (row) => toView(row, 0));
    const moving = input.parentId !== undefined && input.parentId !== current.parentId;
    if (moving && input.parentId) {
      const chain = await ancestorIds(tx, actor.companyId, input.parentId);
      if (chain.includes(current.id)) {
        throw new ApiError('UNPROCESSABLE', { detail: { key: 'catalog.categoryCycle' } });
      }
      const depth = (await parentDepth(tx, actor.companyId, input.parentId)) + 1;
      assertDepth(depth + (await subtreeHeight(tx, actor.companyId, current.id)));
    }
    const [updated] = await tx
      .update(categories)
      .set({
        name: input.name,
        parentId: input.parentId,
        sortOrder: input.sortOrder,
        imageUrl: input.imageUrl,
        version: sql`${categories.version} + 1`,
      })
      .where(inCompany(categories, actor.companyId, eq(categories.id, current.id)))
      .returning();
    if (!updated) throw categoryNotFound();
    await recordAudit(tx, actor, {
      action: 'category.update',
      entityType: 'category',
      entityId: current.id,
      before: current,
      after: updated,
    });
    return toView(updated, (await ancestorIds(tx, actor.companyId, updated.id)).length);
  });
}

/** Soft delete, refused while live subcategories or live active products are in it. */
export async function deleteCategory(
  db: Db,
  actor: Actor,
  categoryId: string,
  expected: number | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockTree(tx, actor.companyId);
    const current = await findCategory(tx, actor.companyId, categoryId, true);
    if (!current) throw categoryNotFound();
    if (expected !== undefined) assertCurrentVersion(current, expected, (row) => toView(row, 0));
    const [children] = await tx
      .select({ n: count() })
      .from(categories)
      .where(
        inCompany(
          categories,
          actor.companyId,
          eq(categories.parentId, current.id),
          isNull(categories.deletedAt),
        ),
      );
    const [held] = await tx
      .select({ n: count() })
      .from(products)
      .where(
        inCompany(
          products,
          actor.companyId,
          and(eq(products.categoryId, current.id), eq(products.isActive, true)),
          isNull(products.deletedAt),
        ),
      );
    if ((children?.n ?? 0) > 0 || (held?.n ?? 0) > 0) {
      throw new ApiError('CONFLICT', {
        detail: {
          key: 'catalog.categoryInUse',
          params: { products: held?.n ?? 0, children: children?.n ?? 0 },
        },
      });
    }
    const [deleted] = await tx
      .update(categories)
      .set({ deletedAt: now, version: sql`${categories.version} + 1` })
      .where(inCompany(categories, actor.companyId, eq(categories.id, current.id)))
      .returning();
    await recordAudit(tx, actor, {
      action: 'category.delete',
      entityType: 'category',
      entityId: current.id,
      before: current,
      after: deleted,
    });
  });
}
