import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../db/client';
import {
  inventoryLevels,
  type StockMovement,
  type StockMovementKind,
  stockMovements,
  stores,
} from '../db/schema';
import { inCompany } from '../db/tenancy';
import { writeTogether } from '../db/write-together';
import { ApiError } from '../lib/errors';
import { uuidv7 } from '../lib/ids';

/**
 * The one path every stock change takes (adjustments, receipts, transfers, counts, and the sales
 * of later issues: sale, void, refund). It writes the ledger rows and moves the levels in the
 * caller's transaction, in the same two statements whatever the number of movements:
 *
 * 1. the stores' negative-stock setting (which also proves the stores are the company's), unless
 *    the caller hands it over (a sale has just read its store);
 * 2. one statement (db/write-together.ts) of a multi-row INSERT of the stock_movements and one
 *    multi-row upsert of inventory_levels that adds each pair's delta atomically
 *    (`quantity = inventory_levels.quantity + excluded.quantity`), never read-modify-write, so
 *    concurrent changes of one level all land and the level stays the sum of its movements.
 *
 * Variants are not looked up here: the same-company foreign keys refuse another company's
 * variant, and callers decide which variants take part (a variant with tracksStock = false
 * should not be passed: it has no stock).
 */
export interface StockMovementInput {
  storeId: string;
  variantId: string;
  kind: StockMovementKind;
  /** Signed, non-zero: negative takes stock out. */
  quantityDelta: number;
  reason?: string | null;
  referenceType?: string | null;
  referenceId?: string | null;
  actorUserId?: string | null;
}

/** A level that went from above its minimum to at or below it with this change. */
export interface LowStockCrossing {
  storeId: string;
  variantId: string;
  /** The movement that crossed the line (the last one of that pair in the call). */
  movementId: string;
  quantity: number;
  minimumQuantity: number;
}

export interface LevelAfterChange {
  storeId: string;
  variantId: string;
  quantity: number;
  minimumQuantity: number | null;
  /** The sum of this call's movements for the pair. */
  delta: number;
}

export interface StockChangeResult {
  movements: StockMovement[];
  levels: LevelAfterChange[];
  lowStock: LowStockCrossing[];
  /** The level of each movement's pair right after it, in the order the movements were given. */
  levelAfterMovement: number[];
}

export interface StockChangeOptions {
  /**
   * Each store's negative-stock setting, when the caller has just read the store (a sale does):
   * saves the statement that reads it. Stores absent from the map are read.
   */
  allowNegativeStock?: ReadonlyMap<string, boolean>;
}

const pairKey = (storeId: string, variantId: string) => `${storeId}:${variantId}`;

async function negativeStockSettings(
  tx: Tx,
  companyId: string,
  storeIds: string[],
  known: ReadonlyMap<string, boolean> | undefined,
): Promise<Map<string, boolean>> {
  const settings = new Map(known);
  const unknown = storeIds.filter((storeId) => !settings.has(storeId));
  if (unknown.length > 0) {
    const rows = await tx
      .select({ id: stores.id, allowNegativeStock: stores.allowNegativeStock })
      .from(stores)
      .where(inCompany(stores, companyId, inArray(stores.id, unknown)));
    for (const row of rows) settings.set(row.id, row.allowNegativeStock);
  }
  const unknownStore = storeIds.find((storeId) => !settings.has(storeId));
  if (unknownStore) {
    throw new ApiError('NOT_FOUND', {
      detail: { key: 'inventory.storeNotFound', params: { storeId: unknownStore } },
    });
  }
  return settings;
}

export async function applyStockMovements(
  tx: Tx,
  companyId: string,
  movements: readonly StockMovementInput[],
  options: StockChangeOptions = {},
): Promise<StockChangeResult> {
  if (movements.length === 0) {
    return { movements: [], levels: [], lowStock: [], levelAfterMovement: [] };
  }

  const storeIds = [...new Set(movements.map((movement) => movement.storeId))];
  const allowNegative = await negativeStockSettings(
    tx,
    companyId,
    storeIds,
    options.allowNegativeStock,
  );

  // Server-made v7 ids, one millisecond apart so the ledger's (created_at, id) order is the
  // caller's order (all rows of a transaction share one created_at).
  const base = Date.now();
  const movementRows = movements.map((movement, index) => ({
    id: uuidv7(base + index),
    companyId,
    storeId: movement.storeId,
    variantId: movement.variantId,
    kind: movement.kind,
    quantityDelta: movement.quantityDelta,
    reason: movement.reason ?? null,
    referenceType: movement.referenceType ?? null,
    referenceId: movement.referenceId ?? null,
    actorUserId: movement.actorUserId ?? null,
  }));

  // One upsert row per pair (ON CONFLICT cannot touch a row twice in one statement), in a fixed
  // order so two multi-pair changes (e.g. crossing transfers) lock rows in the same order.
  const byPair = new Map<string, { storeId: string; variantId: string; delta: number }>();
  for (const movement of movementRows) {
    const key = pairKey(movement.storeId, movement.variantId);
    const pair = byPair.get(key) ?? {
      storeId: movement.storeId,
      variantId: movement.variantId,
      delta: 0,
    };
    pair.delta += movement.quantityDelta;
    byPair.set(key, pair);
  }
  const pairs = [...byPair.values()].sort(
    (a, b) => a.storeId.localeCompare(b.storeId) || a.variantId.localeCompare(b.variantId),
  );

  const written = await writeTogether(tx, {
    movements: {
      table: stockMovements,
      query: tx.insert(stockMovements).values(movementRows).returning(),
    },
    levels: {
      table: inventoryLevels,
      query: tx
        .insert(inventoryLevels)
        .values(
          pairs.map((pair) => ({
            companyId,
            storeId: pair.storeId,
            variantId: pair.variantId,
            quantity: pair.delta,
          })),
        )
        .onConflictDoUpdate({
          target: [inventoryLevels.companyId, inventoryLevels.storeId, inventoryLevels.variantId],
          set: {
            quantity: sql`${inventoryLevels.quantity} + excluded.quantity`,
            version: sql`${inventoryLevels.version} + 1`,
            updatedAt: sql`now()`,
          },
        })
        .returning(),
    },
  });
  const insertedById = new Map(written.movements.map((row) => [row.id, row]));
  const inserted = movementRows.map((movement) => {
    const row = insertedById.get(movement.id);
    if (!row) throw new Error('a stock movement came back missing');
    return row;
  });
  const levelRows = written.levels;

  // The upsert holds the row locks, so each returned row is the level after exactly this change;
  // walking the movements from the level before it gives the level after each one.
  const levels: LevelAfterChange[] = [];
  const running = new Map<string, number>();
  const minimum = new Map<string, number | null>();
  for (const row of levelRows) {
    const key = pairKey(row.storeId, row.variantId);
    const delta = byPair.get(key)?.delta ?? 0;
    levels.push({
      storeId: row.storeId,
      variantId: row.variantId,
      quantity: row.quantity,
      minimumQuantity: row.minimumQuantity,
      delta,
    });
    if (delta < 0 && row.quantity < 0 && allowNegative.get(row.storeId) === false) {
      throw new ApiError('UNPROCESSABLE', {
        detail: {
          key: 'inventory.insufficientStock',
          params: { variantId: row.variantId, available: row.quantity - delta },
        },
      });
    }
    running.set(key, row.quantity - delta);
    minimum.set(key, row.minimumQuantity);
  }
  const lowStock: LowStockCrossing[] = [];
  const levelAfterMovement = inserted.map((movement) => {
    const key = pairKey(movement.storeId, movement.variantId);
    const before = running.get(key) ?? 0;
    const after = before + movement.quantityDelta;
    running.set(key, after);
    const min = minimum.get(key) ?? null;
    if (min !== null && before > min && after <= min) {
      lowStock.push({
        storeId: movement.storeId,
        variantId: movement.variantId,
        movementId: movement.id,
        quantity: after,
        minimumQuantity: min,
      });
    }
    return after;
  });
  return { movements: inserted, levels, lowStock, levelAfterMovement };
}
