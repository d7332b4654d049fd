import { asc, desc, eq, getTableColumns, inArray, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../auth/actor';
import { assertWorksInKnownStore, assertWorksInStore } from '../auth/store-access';
import type { Db, Executor, Tx } from '../db/client';
import { inventoryLevels, products, productVariants, stockMovements, stores } from '../db/schema';
import { inCompany, sameCompanyRow } from '../db/tenancy';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../lib/cursor';
import { ApiError } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import { assertCurrentVersion } from '../lib/versioning';
import { recordAudit } from './audit';
import {
  applyStockMovements,
  type LevelAfterChange,
  type LowStockCrossing,
  type StockMovementInput,
} from './stock';
import { isLiveStore } from './stores/live-stores';

/**
 * Stock of a company's stores: levels and the ledger (reads), and the manual operations that
 * change them (adjustments, receipts, transfers, counts) plus the low-stock thresholds. Every
 * write is one transaction with its audit row; every stock change goes through
 * applyStockMovements. Store and variant ids from the client are checked against the caller's
 * company first: another company's id is simply not found and nothing is written.
 */

/** What a stock operation answers, and the crossings to alert on once it has committed. */
export interface StockOperationResult {
  referenceId: string;
  movements: Array<{
    id: string;
    storeId: string;
    variantId: string;
    kind: string;
    quantityDelta: number;
  }>;
  levels: Array<Omit<LevelAfterChange, 'delta'>>;
  lowStock: LowStockCrossing[];
}

const storeNotFound = (storeId: string) =>
  new ApiError('NOT_FOUND', { detail: { key: 'inventory.storeNotFound', params: { storeId } } });

async function assertStore(db: Executor, companyId: string, storeId: string): Promise<void> {
  if (!(await isLiveStore(db, companyId, storeId))) throw storeNotFound(storeId);
}

/** Stores a stock change touches: live stores of the company (404), each one the actor's (403). */
async function assertStoresToChange(db: Executor, actor: Actor, storeIds: string[]) {
  const found = await db
    .select({ id: stores.id })
    .from(stores)
    .where(
      inCompany(stores, actor.companyId, inArray(stores.id, storeIds), isNull(stores.deletedAt)),
    );
  const known = new Set(found.map((row) => row.id));
  const unknown = storeIds.find((id) => !known.has(id));
  if (unknown) throw storeNotFound(unknown);
  for (const storeId of storeIds) assertWorksInKnownStore(actor, storeId);
}

/** Live variants of the company that track stock; anything else is refused by id. */
async function assertStockVariants(
  db: Executor,
  companyId: string,
  variantIds: string[],
): Promise<void> {
  const found = await db
    .select({ id: productVariants.id, tracksStock: productVariants.tracksStock })
    .from(productVariants)
    .where(
      inCompany(
        productVariants,
        companyId,
        inArray(productVariants.id, variantIds),
        isNull(productVariants.deletedAt),
      ),
    );
  const byId = new Map(found.map((row) => [row.id, row]));
  for (const variantId of variantIds) {
    const variant = byId.get(variantId);
    if (!variant) {
      throw new ApiError('NOT_FOUND', {
        detail: { key: 'inventory.variantNotFound', params: { variantId } },
      });
    }
    if (!variant.tracksStock) {
      throw new ApiError('UNPROCESSABLE', {
        detail: { key: 'inventory.variantNotTracked', params: { variantId } },
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Reads

export interface ListLevelsQuery {
  storeId: string;
  limit: number;
  cursor?: string;
  lowStock?: boolean;
}

/** A store's levels with the variant's SKU and names, oldest level first (stable keyset). */
export async function listLevels(db: Db, companyId: string, query: ListLevelsQuery) {
  await assertStore(db, companyId, query.storeId);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const rows = await db
    .select({
      id: inventoryLevels.id,
      storeId: inventoryLevels.storeId,
      variantId: inventoryLevels.variantId,
      sku: productVariants.sku,
      variantName: productVariants.name,
      productId: productVariants.productId,
      productName: products.name,
      quantity: inventoryLevels.quantity,
      minimumQuantity: inventoryLevels.minimumQuantity,
      lowStock: sql<boolean>`coalesce(${inventoryLevels.quantity} <= ${inventoryLevels.minimumQuantity}, false)`,
      updatedAt: inventoryLevels.updatedAt,
      version: inventoryLevels.version,
      cursorAt: cursorTimestamp(inventoryLevels.createdAt),
    })
    .from(inventoryLevels)
    .innerJoin(
      productVariants,
      sameCompanyRow(productVariants, inventoryLevels.companyId, inventoryLevels.variantId),
    )
    .innerJoin(
      products,
      sameCompanyRow(products, productVariants.companyId, productVariants.productId),
    )
    .where(
      inCompany(
        inventoryLevels,
        companyId,
        eq(inventoryLevels.storeId, query.storeId),
        query.lowStock
          ? sql`${inventoryLevels.quantity} <= ${inventoryLevels.minimumQuantity}`
          : undefined,
        after
          ? beyondCursor({ at: inventoryLevels.createdAt, id: inventoryLevels.id }, after, 'asc')
          : undefined,
      ),
    )
    .orderBy(asc(inventoryLevels.createdAt), asc(inventoryLevels.id))
    .limit(query.limit + 1);
  return pageOf(rows, query.limit);
}

export interface ListMovementsQuery {
  storeId: string;
  variantId?: string;
  limit: number;
  cursor?: string;
}

/** A store's ledger, newest first, optionally of one variant. */
export async function listMovements(db: Db, companyId: string, query: ListMovementsQuery) {
  await assertStore(db, companyId, query.storeId);
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { companyId: _companyId, ...columns } = getTableColumns(stockMovements);
  const rows = await db
    .select({
      ...columns,
      sku: productVariants.sku,
      variantName: productVariants.name,
      cursorAt: cursorTimestamp(stockMovements.createdAt),
    })
    .from(stockMovements)
    .innerJoin(
      productVariants,
      sameCompanyRow(productVariants, stockMovements.companyId, stockMovements.variantId),
    )
    .where(
      inCompany(
        stockMovements,
        companyId,
        eq(stockMovements.storeId, query.storeId),
        query.variantId ? eq(stockMovements.variantId, query.variantId) : undefined,
        before
          ? beyondCursor({ at: stockMovements.createdAt, id: stockMovements.id }, before, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(stockMovements.createdAt), desc(stockMovements.id))
    .limit(query.limit + 1);
  return pageOf(rows, query.limit);
}

// ---------------------------------------------------------------------------------------------
// Stock operations

interface Operation {
  storeIds: string[];
  variantIds: string[];
  action: string;
  entityType: string;
  /** What the audit row shows besides the movements and resulting levels. */
  details: Record<string, unknown>;
  movements: (tx: Tx, referenceId: string) => Promise<StockMovementInput[]>;
}

async function runOperation(
  db: Db,
  actor: Actor,
  operation: Operation,
): Promise<StockOperationResult> {
  const referenceId = uuidv7();
  return db.transaction(async (tx) => {
    await assertStoresToChange(tx, actor, operation.storeIds);
    await assertStockVariants(tx, actor.companyId, operation.variantIds);
    const planned = await operation.movements(tx, referenceId);
    const change = await applyStockMovements(tx, actor.companyId, planned);
    const movements = change.movements.map((movement) => ({
      id: movement.id,
      storeId: movement.storeId,
      variantId: movement.variantId,
      kind: movement.kind,
      quantityDelta: movement.quantityDelta,
    }));
    const levels = change.levels.map(({ delta: _delta, ...level }) => level);
    await recordAudit(tx, actor, {
      action: operation.action,
      entityType: operation.entityType,
      entityId: referenceId,
      after: { ...operation.details, movements, levels },
    });
    return { referenceId, movements, levels, lowStock: change.lowStock };
  });
}

export interface AdjustmentInput {
  storeId: string;
  reason: string;
  items: Array<{ variantId: string; quantityDelta: number }>;
}

/** Signed corrections with a reason (breakage, spoilage, found stock…). */
export function adjustStock(db: Db, actor: Actor, input: AdjustmentInput) {
  return runOperation(db, actor, {
    storeIds: [input.storeId],
    variantIds: input.items.map((item) => item.variantId),
    action: 'inventory.adjust',
    entityType: 'stock_adjustment',
    details: { storeId: input.storeId, reason: input.reason },
    movements: async (_tx, referenceId) =>
      input.items.map((item) => ({
        storeId: input.storeId,
        variantId: item.variantId,
        kind: 'adjustment',
        quantityDelta: item.quantityDelta,
        reason: input.reason,
        referenceType: 'adjustment',
        referenceId,
        actorUserId: actor.userId,
      })),
  });
}

export interface ReceiptInput {
  storeId: string;
  reason?: string;
  reference?: string;
  items: Array<{ variantId: string; quantity: number }>;
}

/** Goods received (from a supplier); `reference` is their document number. */
export function receiveStock(db: Db, actor: Actor, input: ReceiptInput) {
  const reason =
    [input.reason, input.reference ? `Ref: ${input.reference}` : undefined]
      .filter(Boolean)
      .join(' — ') || null;
  return runOperation(db, actor, {
    storeIds: [input.storeId],
    variantIds: input.items.map((item) => item.variantId),
    action: 'inventory.receive',
    entityType: 'stock_receipt',
    details: {
      storeId: input.storeId,
      reason: input.reason ?? null,
      reference: input.reference ?? null,
    },
    movements: async (_tx, referenceId) =>
      input.items.map((item) => ({
        storeId: input.storeId,
        variantId: item.variantId,
        kind: 'receiving',
        quantityDelta: item.quantity,
        reason,
        referenceType: 'receiving',
        referenceId,
        actorUserId: actor.userId,
      })),
  });
}

export interface TransferInput {
  fromStoreId: string;
  toStoreId: string;
  reason: string;
  items: Array<{ variantId: string; quantity: number }>;
}

/** Out of one store, into another, in one transaction; both sides share the reference id. */
export async function transferStock(db: Db, actor: Actor, input: TransferInput) {
  if (input.fromStoreId === input.toStoreId) {
    throw new ApiError('UNPROCESSABLE', { detail: { key: 'inventory.sameStore' } });
  }
  return runOperation(db, actor, {
    storeIds: [input.fromStoreId, input.toStoreId],
    variantIds: input.items.map((item) => item.variantId),
    action: 'inventory.transfer',
    entityType: 'stock_transfer',
    details: { fromStoreId: input.fromStoreId, toStoreId: input.toStoreId, reason: input.reason },
    movements: async (_tx, referenceId) =>
      input.items.flatMap((item) =>
        (
          [
            [input.fromStoreId, 'transfer_out', -item.quantity],
            [input.toStoreId, 'transfer_in', item.quantity],
          ] as const
        ).map(([storeId, kind, quantityDelta]) => ({
          storeId,
          variantId: item.variantId,
          kind,
          quantityDelta,
          reason: input.reason,
          referenceType: 'transfer',
          referenceId,
          actorUserId: actor.userId,
        })),
      ),
  });
}

export interface CountInput {
  storeId: string;
  reason: string;
  items: Array<{
    variantId: string;
    countedQuantity: number;
    /**
     * The level version the counter saw (0: no level yet). When given and the level has changed
     * since, the count is refused (409) with the current level: the server's newer copy stands.
     */
    expectedVersion?: number;
  }>;
}

/**
 * A stock count: one 'count' movement of (counted − current) per variant whose level differs.
 * The levels are locked (created at 0 first where missing) so no sale slips in between reading
 * the level and writing the difference.
 */
export function countStock(db: Db, actor: Actor, input: CountInput) {
  const counted = new Map(input.items.map((item) => [item.variantId, item.countedQuantity]));
  const variantIds = [...counted.keys()];
  return runOperation(db, actor, {
    storeIds: [input.storeId],
    variantIds,
    action: 'inventory.count',
    entityType: 'stock_count',
    details: { storeId: input.storeId, reason: input.reason, counted: input.items },
    movements: async (tx, referenceId) => {
      const created = await tx
        .insert(inventoryLevels)
        .values(
          variantIds.map((variantId) => ({
            companyId: actor.companyId,
            storeId: input.storeId,
            variantId,
          })),
        )
        .onConflictDoNothing({
          target: [inventoryLevels.companyId, inventoryLevels.storeId, inventoryLevels.variantId],
        })
        .returning({ variantId: inventoryLevels.variantId });
      const current = await tx
        .select({
          variantId: inventoryLevels.variantId,
          quantity: inventoryLevels.quantity,
          version: inventoryLevels.version,
        })
        .from(inventoryLevels)
        .where(
          inCompany(
            inventoryLevels,
            actor.companyId,
            eq(inventoryLevels.storeId, input.storeId),
            inArray(inventoryLevels.variantId, variantIds),
          ),
        )
        .orderBy(asc(inventoryLevels.variantId))
        .for('update');
      assertCountedVersions(input, current, new Set(created.map((row) => row.variantId)));
      const onHand = new Map(current.map((row) => [row.variantId, row.quantity]));
      return variantIds.flatMap((variantId) => {
        const difference = (counted.get(variantId) ?? 0) - (onHand.get(variantId) ?? 0);
        if (difference === 0) return [];
        return [
          {
            storeId: input.storeId,
            variantId,
            kind: 'count' as const,
            quantityDelta: difference,
            reason: input.reason,
            referenceType: 'count',
            referenceId,
            actorUserId: actor.userId,
          },
        ];
      });
    },
  });
}

/**
 * Refuses the count if a level changed since the counter saw it. `levels` are locked; a level
 * this count just created had version 0 before it (rolled back with the count if refused).
 */
function assertCountedVersions(
  input: CountInput,
  levels: Array<{ variantId: string; quantity: number; version: number }>,
  createdNow: Set<string>,
): void {
  const byVariant = new Map(levels.map((level) => [level.variantId, level]));
  for (const item of input.items) {
    if (item.expectedVersion === undefined) continue;
    const locked = byVariant.get(item.variantId);
    const seen =
      locked && !createdNow.has(item.variantId)
        ? locked
        : { variantId: item.variantId, quantity: 0, version: 0 };
    assertCurrentVersion(seen, item.expectedVersion, () => ({ storeId: input.storeId, ...seen }));
  }
}

export interface ThresholdsInput {
  storeId: string;
  items: Array<{ variantId: string; minimumQuantity: number | null }>;
}

/** Sets (or clears, with null) the low-stock minimum of variants in a store. */
export async function setThresholds(db: Db, actor: Actor, input: ThresholdsInput) {
  const variantIds = input.items.map((item) => item.variantId);
  return db.transaction(async (tx) => {
    await assertWorksInStore(tx, actor, input.storeId, storeNotFound);
    await assertStockVariants(tx, actor.companyId, variantIds);
    const before = await tx
      .select({
        variantId: inventoryLevels.variantId,
        minimumQuantity: inventoryLevels.minimumQuantity,
      })
      .from(inventoryLevels)
      .where(
        inCompany(
          inventoryLevels,
          actor.companyId,
          eq(inventoryLevels.storeId, input.storeId),
          inArray(inventoryLevels.variantId, variantIds),
        ),
      );
    const levels = await tx
      .insert(inventoryLevels)
      .values(
        input.items.map((item) => ({
          companyId: actor.companyId,
          storeId: input.storeId,
          variantId: item.variantId,
          minimumQuantity: item.minimumQuantity,
        })),
      )
      .onConflictDoUpdate({
        target: [inventoryLevels.companyId, inventoryLevels.storeId, inventoryLevels.variantId],
        set: {
          minimumQuantity: sql`excluded.minimum_quantity`,
          version: sql`${inventoryLevels.version} + 1`,
          updatedAt: sql`now()`,
        },
      })
      .returning({
        storeId: inventoryLevels.storeId,
        variantId: inventoryLevels.variantId,
        quantity: inventoryLevels.quantity,
        minimumQuantity: inventoryLevels.minimumQuantity,
      });
    await recordAudit(tx, actor, {
      action: 'inventory.set_thresholds',
      entityType: 'store',
      entityId: input.storeId,
      before: { thresholds: before },
      after: { thresholds: input.items },
    });
    return { levels };
  });
}
