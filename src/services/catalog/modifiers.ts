import { and, asc, eq, inArray, isNull, notInArray, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import type { Db, Executor, Tx } from '../../db/client';
import {
  type ModifierGroup,
  type ModifierOption,
  modifierGroups,
  modifierOptions,
  productModifierGroups,
  products,
  productVariants,
} from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { ApiError, type FieldProblem } from '../../lib/errors';
import { assertCurrentVersion } from '../../lib/versioning';
import { recordAudit } from '../audit';
import { type ModifierPriceChange, recordModifierPriceChanges } from './modifier-prices';

/**
 * Modifier groups and their options ("Tingkat gula": Normal / Less / No sugar), edited as one
 * record with one version, and the groups each product offers. Every staff member reads them;
 * writing needs catalog.manage (routes). Deleting is soft, so tills get tombstones.
 */

export interface ModifierOptionInput {
  /** An existing option of the group to change; absent for a new one. */
  id?: string;
  name: string;
  priceDelta: number;
  sortOrder?: number;
  isActive?: boolean;
  stockVariantId?: string | null;
}

export interface ModifierGroupInput {
  name: string;
  minSelections: number;
  maxSelections: number;
  sortOrder?: number;
  isActive?: boolean;
  options: ModifierOptionInput[];
}

export type ModifierGroupChange = Partial<ModifierGroupInput> & { version: number };

export interface ModifierOptionView {
  id: string;
  name: string;
  priceDelta: number;
  sortOrder: number;
  isActive: boolean;
  stockVariantId: string | null;
}

export interface ModifierGroupView {
  id: string;
  name: string;
  minSelections: number;
  maxSelections: number;
  sortOrder: number;
  isActive: boolean;
  options: ModifierOptionView[];
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

export const modifierGroupNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'catalog.modifierGroupNotFound' } });

const unprocessable = (problems: FieldProblem[]) =>
  new ApiError('UNPROCESSABLE', {
    detail: { key: 'request.validationFailed', params: { count: problems.length } },
    errors: problems,
  });

function optionView(option: ModifierOption): ModifierOptionView {
  return {
    id: option.id,
    name: option.name,
    priceDelta: option.priceDelta,
    sortOrder: option.sortOrder,
    isActive: option.isActive,
    stockVariantId: option.stockVariantId,
  };
}

function groupView(group: ModifierGroup, options: ModifierOption[]): ModifierGroupView {
  return {
    id: group.id,
    name: group.name,
    minSelections: group.minSelections,
    maxSelections: group.maxSelections,
    sortOrder: group.sortOrder,
    isActive: group.isActive,
    options: options
      .filter((option) => option.groupId === group.id)
      .sort((a, b) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name))
      .map(optionView),
    createdAt: group.createdAt,
    updatedAt: group.updatedAt,
    version: group.version,
  };
}

/** Live groups of the company among `ids` (all when absent), with their live options. */
async function readGroups(
  db: Executor,
  companyId: string,
  ids?: readonly string[],
): Promise<ModifierGroupView[]> {
  if (ids && ids.length === 0) return [];
  const groups = await db
    .select()
    .from(modifierGroups)
    .where(
      inCompany(
        modifierGroups,
        companyId,
        isNull(modifierGroups.deletedAt),
        ids ? inArray(modifierGroups.id, [...ids]) : undefined,
      ),
    )
    .orderBy(asc(modifierGroups.sortOrder), asc(modifierGroups.name), asc(modifierGroups.id));
  if (groups.length === 0) return [];
  const options = await db
    .select()
    .from(modifierOptions)
    .where(
      inCompany(
        modifierOptions,
        companyId,
        isNull(modifierOptions.deletedAt),
        inArray(
          modifierOptions.groupId,
          groups.map((group) => group.id),
        ),
      ),
    );
  return groups.map((group) => groupView(group, options));
}

export function listModifierGroups(db: Db, companyId: string): Promise<ModifierGroupView[]> {
  return readGroups(db, companyId);
}

export async function getModifierGroup(
  db: Executor,
  companyId: string,
  groupId: string,
): Promise<ModifierGroupView> {
  const [group] = await readGroups(db, companyId, [groupId]);
  if (!group) throw modifierGroupNotFound();
  return group;
}

/**
 * The rules a group and its options must keep together, as field problems: min ≤ max, no more
 * required selections than active options, option names unique in the group, stock variants of
 * the company.
 */
async function groupProblems(
  db: Executor,
  companyId: string,
  group: Pick<ModifierGroupInput, 'minSelections' | 'maxSelections' | 'options'>,
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const { minSelections: min, maxSelections: max, options } = group;
  if (min > max) {
    problems.push({
      path: 'minSelections',
      code: 'above_maximum',
      message: { key: 'catalog.modifierSelectionsInvalid', params: { min, max } },
    });
  }
  const active = options.filter((option) => option.isActive !== false).length;
  if (min > active) {
    problems.push({
      path: 'options',
      code: 'too_few_options',
      message: { key: 'catalog.modifierMinAboveOptions', params: { min, active } },
    });
  }
  const seen = new Set<string>();
  options.forEach((option, index) => {
    const name = option.name.toLocaleLowerCase('id');
    if (seen.has(name)) {
      problems.push({
        path: `options.${index}.name`,
        code: 'taken',
        message: { key: 'catalog.modifierOptionNameTaken', params: { name: option.name } },
      });
    }
    seen.add(name);
  });
  const variantIds = [
    ...new Set(options.flatMap((option) => (option.stockVariantId ? [option.stockVariantId] : []))),
  ];
  if (variantIds.length > 0) {
    const known = await db
      .select({ id: productVariants.id })
      .from(productVariants)
      .where(
        inCompany(
          productVariants,
          companyId,
          inArray(productVariants.id, variantIds),
          isNull(productVariants.deletedAt),
        ),
      );
    const knownIds = new Set(known.map((variant) => variant.id));
    options.forEach((option, index) => {
      if (option.stockVariantId && !knownIds.has(option.stockVariantId)) {
        problems.push({
          path: `options.${index}.stockVariantId`,
          code: 'unknown',
          message: {
            key: 'catalog.unknownStockVariant',
            params: { variantId: option.stockVariantId },
          },
        });
      }
    });
  }
  return problems;
}

function optionRow(companyId: string, groupId: string, option: ModifierOptionInput, index: number) {
  return {
    companyId,
    groupId,
    name: option.name,
    priceDelta: option.priceDelta,
    sortOrder: option.sortOrder ?? index,
    isActive: option.isActive ?? true,
    stockVariantId: option.stockVariantId ?? null,
  };
}

export async function createModifierGroup(
  db: Db,
  actor: Actor,
  input: ModifierGroupInput,
): Promise<ModifierGroupView> {
  return db.transaction(async (tx) => {
    const problems = await groupProblems(tx, actor.companyId, input);
    if (problems.length > 0) throw unprocessable(problems);
    const [group] = await tx
      .insert(modifierGroups)
      .values({
        companyId: actor.companyId,
        name: input.name,
        minSelections: input.minSelections,
        maxSelections: input.maxSelections,
        sortOrder: input.sortOrder ?? 0,
        isActive: input.isActive ?? true,
      })
      .returning();
    if (!group) throw new Error('a modifier group was created without a row');
    if (input.options.length > 0) {
      await tx
        .insert(modifierOptions)
        .values(
          input.options.map((option, index) => optionRow(actor.companyId, group.id, option, index)),
        );
    }
    const view = await getModifierGroup(tx, actor.companyId, group.id);
    await recordAudit(tx, actor, {
      action: 'modifier_group.create',
      entityType: 'modifier_group',
      entityId: group.id,
      after: view,
    });
    return view;
  });
}

async function lockGroup(tx: Tx, companyId: string, groupId: string) {
  const [group] = await tx
    .select()
    .from(modifierGroups)
    .where(
      inCompany(
        modifierGroups,
        companyId,
        eq(modifierGroups.id, groupId),
        isNull(modifierGroups.deletedAt),
      ),
    )
    .for('update');
  if (!group) throw modifierGroupNotFound();
  return group;
}

/**
 * Changes a group at the version the client edited (stale: 409 with the current group). With
 * `options`, the list is the group's options from now on: an entry with the `id` of one of them
 * changes it, one without an id is new, and an option left out is deleted.
 */
export async function updateModifierGroup(
  db: Db,
  actor: Actor,
  groupId: string,
  change: ModifierGroupChange,
): Promise<ModifierGroupView> {
  return db.transaction(async (tx) => {
    const current = await lockGroup(tx, actor.companyId, groupId);
    const before = await getModifierGroup(tx, actor.companyId, groupId);
    assertCurrentVersion(current, change.version, () => before);
    const options = change.options ?? before.options;
    const unknown = (change.options ?? []).flatMap((option, index) =>
      option.id && !before.options.some((existing) => existing.id === option.id)
        ? [{ option, index }]
        : [],
    );
    const problems: FieldProblem[] = unknown.map(({ option, index }) => ({
      path: `options.${index}.id`,
      code: 'unknown',
      message: { key: 'catalog.unknownModifierOption', params: { optionId: option.id ?? '' } },
    }));
    problems.push(
      ...(await groupProblems(tx, actor.companyId, {
        minSelections: change.minSelections ?? current.minSelections,
        maxSelections: change.maxSelections ?? current.maxSelections,
        options,
      })),
    );
    if (problems.length > 0) throw unprocessable(problems);

    await tx
      .update(modifierGroups)
      .set({
        name: change.name,
        minSelections: change.minSelections,
        maxSelections: change.maxSelections,
        sortOrder: change.sortOrder,
        isActive: change.isActive,
        version: sql`${modifierGroups.version} + 1`,
      })
      .where(inCompany(modifierGroups, actor.companyId, eq(modifierGroups.id, groupId)));
    if (change.options) await replaceOptions(tx, actor, groupId, change.options, before.options);
    const after = await getModifierGroup(tx, actor.companyId, groupId);
    await recordAudit(tx, actor, {
      action: 'modifier_group.update',
      entityType: 'modifier_group',
      entityId: groupId,
      before,
      after,
    });
    return after;
  });
}

/**
 * The group's options become `options`: kept ones changed, new ones added, the rest deleted; a
 * delta that changed, and every new option's, goes into the price history.
 */
async function replaceOptions(
  tx: Tx,
  actor: Actor,
  groupId: string,
  options: ModifierOptionInput[],
  before: readonly ModifierOptionView[],
): Promise<void> {
  const { companyId } = actor;
  const changes: ModifierPriceChange[] = [];
  const kept = options.flatMap((option) => (option.id ? [option.id] : []));
  await tx
    .update(modifierOptions)
    .set({ deletedAt: sql`now()`, version: sql`${modifierOptions.version} + 1` })
    .where(
      inCompany(
        modifierOptions,
        companyId,
        eq(modifierOptions.groupId, groupId),
        isNull(modifierOptions.deletedAt),
        kept.length > 0 ? notInArray(modifierOptions.id, kept) : undefined,
      ),
    );
  for (const [index, option] of options.entries()) {
    const row = optionRow(companyId, groupId, option, index);
    if (!option.id) {
      const [inserted] = await tx
        .insert(modifierOptions)
        .values(row)
        .returning({ id: modifierOptions.id });
      if (inserted) {
        changes.push({
          optionId: inserted.id,
          storeId: null,
          oldDelta: null,
          newDelta: row.priceDelta,
        });
      }
      continue;
    }
    await tx
      .update(modifierOptions)
      .set({ ...row, version: sql`${modifierOptions.version} + 1` })
      .where(inCompany(modifierOptions, companyId, eq(modifierOptions.id, option.id)));
    const previous = before.find((existing) => existing.id === option.id);
    changes.push({
      optionId: option.id,
      storeId: null,
      oldDelta: previous?.priceDelta ?? null,
      newDelta: row.priceDelta,
    });
  }
  await recordModifierPriceChanges(tx, actor, changes);
}

/** Soft-deletes the group, its options and its attachments to products. */
export async function deleteModifierGroup(
  db: Db,
  actor: Actor,
  groupId: string,
  expected: number | undefined,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    const current = await lockGroup(tx, actor.companyId, groupId);
    const before = await getModifierGroup(tx, actor.companyId, groupId);
    if (expected !== undefined) assertCurrentVersion(current, expected, () => before);
    const gone = { deletedAt: now };
    await tx
      .update(modifierGroups)
      .set({ ...gone, version: sql`${modifierGroups.version} + 1` })
      .where(inCompany(modifierGroups, actor.companyId, eq(modifierGroups.id, groupId)));
    await tx
      .update(modifierOptions)
      .set({ ...gone, version: sql`${modifierOptions.version} + 1` })
      .where(
        inCompany(
          modifierOptions,
          actor.companyId,
          eq(modifierOptions.groupId, groupId),
          isNull(modifierOptions.deletedAt),
        ),
      );
    await tx
      .update(productModifierGroups)
      .set({ ...gone, version: sql`${productModifierGroups.version} + 1` })
      .where(
        inCompany(
          productModifierGroups,
          actor.companyId,
          eq(productModifierGroups.groupId, groupId),
          isNull(productModifierGroups.deletedAt),
        ),
      );
    await recordAudit(tx, actor, {
      action: 'modifier_group.delete',
      entityType: 'modifier_group',
      entityId: groupId,
      before,
    });
  });
}

/** The live groups a product offers, in its order. */
export async function productModifierGroupsOf(
  db: Executor,
  companyId: string,
  productId: string,
): Promise<ModifierGroupView[]> {
  const attached = await db
    .select({ groupId: productModifierGroups.groupId })
    .from(productModifierGroups)
    .where(
      inCompany(
        productModifierGroups,
        companyId,
        eq(productModifierGroups.productId, productId),
        isNull(productModifierGroups.deletedAt),
      ),
    )
    .orderBy(asc(productModifierGroups.sortOrder));
  const groups = await readGroups(
    db,
    companyId,
    attached.map((row) => row.groupId),
  );
  const byId = new Map(groups.map((group) => [group.id, group]));
  return attached.flatMap((row) => byId.get(row.groupId) ?? []);
}

const productNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'catalog.productNotFound' } });

/** The groups a live product of the company offers; 404 for any other product. */
export async function getProductModifierGroups(
  db: Db,
  companyId: string,
  productId: string,
): Promise<ModifierGroupView[]> {
  const [product] = await db
    .select({ id: products.id })
    .from(products)
    .where(inCompany(products, companyId, eq(products.id, productId), isNull(products.deletedAt)));
  if (!product) throw productNotFound();
  return productModifierGroupsOf(db, companyId, productId);
}

/**
 * The groups a product offers from now on, in this order: new ones attached, the order of kept
 * ones updated, the others detached (tombstones for the tills). Sending the same list again
 * changes nothing.
 */
export async function setProductModifierGroups(
  db: Db,
  actor: Actor,
  productId: string,
  groupIds: string[],
): Promise<ModifierGroupView[]> {
  return db.transaction(async (tx) => {
    const [product] = await tx
      .select({ id: products.id })
      .from(products)
      .where(
        inCompany(
          products,
          actor.companyId,
          eq(products.id, productId),
          isNull(products.deletedAt),
        ),
      )
      .for('update');
    if (!product) throw productNotFound();
    const live = await readGroups(tx, actor.companyId, groupIds);
    const liveIds = new Set(live.map((group) => group.id));
    const problems: FieldProblem[] = groupIds.flatMap((groupId, index) =>
      liveIds.has(groupId)
        ? []
        : [
            {
              path: `groupIds.${index}`,
              code: 'unknown',
              message: { key: 'catalog.unknownModifierGroup', params: { groupId } },
            },
          ],
    );
    if (problems.length > 0) throw unprocessable(problems);
    const before = await productModifierGroupsOf(tx, actor.companyId, productId);
    const beforeIds = before.map((group) => group.id);
    await tx
      .update(productModifierGroups)
      .set({ deletedAt: sql`now()`, version: sql`${productModifierGroups.version} + 1` })
      .where(
        inCompany(
          productModifierGroups,
          actor.companyId,
          eq(productModifierGroups.productId, productId),
          isNull(productModifierGroups.deletedAt),
          groupIds.length > 0 ? notInArray(productModifierGroups.groupId, groupIds) : undefined,
        ),
      );
    for (const [sortOrder, groupId] of groupIds.entries()) {
      if (!beforeIds.includes(groupId)) {
        await tx
          .insert(productModifierGroups)
          .values({ companyId: actor.companyId, productId, groupId, sortOrder });
        continue;
      }
      if (beforeIds.indexOf(groupId) === sortOrder) continue;
      await tx
        .update(productModifierGroups)
        .set({ sortOrder, version: sql`${productModifierGroups.version} + 1` })
        .where(
          and(
            inCompany(
              productModifierGroups,
              actor.companyId,
              eq(productModifierGroups.productId, productId),
              eq(productModifierGroups.groupId, groupId),
            ),
            isNull(productModifierGroups.deletedAt),
          ),
        );
    }
    const after = await productModifierGroupsOf(tx, actor.companyId, productId);
    if (JSON.stringify(beforeIds) !== JSON.stringify(after.map((group) => group.id))) {
      await recordAudit(tx, actor, {
        action: 'product.modifier_groups',
        entityType: 'product',
        entityId: productId,
        before: { groupIds: beforeIds },
        after: { groupIds: after.map((group) => group.id) },
      });
    }
    return after;
  });
}
