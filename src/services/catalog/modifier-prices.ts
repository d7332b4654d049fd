import { asc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Actor } from '../../auth/actor';
import { assertWorksInStore } from '../../auth/store-access';
import type { Db, Executor } from '../../db/client';
import {
  modifierGroups,
  modifierOptions,
  modifierPriceHistory,
  storeModifierPrices,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';
import { ApiError } from '../../lib/errors';
import { recordAudit } from '../audit';
import { storeNotFound } from './products';

/**
 * An option's price delta has the same levels as a variant's price: its own delta in a store,
 * else the company's. Every change at either level is a modifier_price_history row, so an
 * offline sale is priced with the deltas in force when it was made (loadModifierPriceBook).
 */

export interface ModifierPriceChange {
  optionId: string;
  storeId: string | null;
  oldDelta: number | null;
  newDelta: number | null;
}

/** History rows for the changes that change something, in the caller's transaction. */
export async function recordModifierPriceChanges(
  tx: Executor,
  actor: Actor,
  changes: readonly ModifierPriceChange[],
): Promise<void> {
  const rows = changes
    .filter((change) => change.oldDelta !== change.newDelta)
    .map((change) => ({ companyId: actor.companyId, changedBy: actor.userId, ...change }));
  if (rows.length > 0) await tx.insert(modifierPriceHistory).values(rows);
}

/** The deltas of options in one store over a span of time, from their history. */
export class ModifierPriceBook {
  constructor(
    private readonly entries: ReadonlyArray<{
      optionId: string;
      storeId: string | null;
      newDelta: number | null;
      effectiveFrom: Date;
    }>,
  ) {}

  /**
   * The option's delta in the store at `at`: the latest store entry by then unless it cleared
   * the store's own delta, else the latest company entry; null when the history says nothing
   * (the caller keeps today's delta).
   */
  deltaAt(optionId: string, at: Date): number | null {
    const latest = (store: boolean) =>
      this.entries
        .filter(
          (entry) =>
            entry.optionId === optionId &&
            (entry.storeId !== null) === store &&
            entry.effectiveFrom <= at,
        )
        .at(-1);
    const own = latest(true);
    if (own && own.newDelta !== null) return own.newDelta;
    return latest(false)?.newDelta ?? null;
  }
}

/** The history of `optionIds` (company-wide and in the store) up to `to`, oldest first. */
export async function loadModifierPriceBook(
  db: Executor,
  companyId: string,
  storeId: string,
  optionIds: readonly string[],
  to: Date,
): Promise<ModifierPriceBook> {
  if (optionIds.length === 0) return new ModifierPriceBook([]);
  const rows = await db
    .select({
      optionId: modifierPriceHistory.optionId,
      storeId: modifierPriceHistory.storeId,
      newDelta: modifierPriceHistory.newDelta,
      effectiveFrom: modifierPriceHistory.effectiveFrom,
    })
    .from(modifierPriceHistory)
    .where(
      inCompany(
        modifierPriceHistory,
        companyId,
        inArray(modifierPriceHistory.optionId, [...optionIds]),
        or(isNull(modifierPriceHistory.storeId), eq(modifierPriceHistory.storeId, storeId)),
        lte(modifierPriceHistory.effectiveFrom, to),
      ),
    )
    .orderBy(
      asc(modifierPriceHistory.effectiveFrom),
      asc(modifierPriceHistory.createdAt),
      asc(modifierPriceHistory.id),
    );
  return new ModifierPriceBook(rows);
}

export interface StoreModifierPriceView {
  groupId: string;
  optionId: string;
  storeId: string;
  priceDelta: number;
  updatedAt: Date;
  version: number;
}

const optionNotFound = () =>
  new ApiError('NOT_FOUND', { detail: { key: 'catalog.modifierOptionNotFound' } });

/** A live option of a live group of the company, locked: concurrent store prices serialise. */
async function lockOption(tx: Executor, companyId: string, groupId: string, optionId: string) {
  const [row] = await tx
    .select({ id: modifierOptions.id })
    .from(modifierOptions)
    .innerJoin(
      modifierGroups,
      sameCompanyRow(modifierGroups, modifierOptions.companyId, modifierOptions.groupId),
    )
    .where(
      inCompany(
        modifierOptions,
        companyId,
        eq(modifierOptions.id, optionId),
        eq(modifierOptions.groupId, groupId),
        isNull(modifierOptions.deletedAt),
        isNull(modifierGroups.deletedAt),
      ),
    )
    .for('update', { of: modifierOptions });
  if (!row) throw optionNotFound();
}

async function liveStoreDelta(tx: Executor, companyId: string, storeId: string, optionId: string) {
  const [row] = await tx
    .select()
    .from(storeModifierPrices)
    .where(
      inCompany(
        storeModifierPrices,
        companyId,
        eq(storeModifierPrices.storeId, storeId),
        eq(storeModifierPrices.optionId, optionId),
        isNull(storeModifierPrices.deletedAt),
      ),
    );
  return row;
}

/** Sets an option's own price delta in one store (in force at once, and in its history). */
export async function setStoreModifierPrice(
  db: Db,
  actor: Actor,
  target: { groupId: string; optionId: string; storeId: string },
  priceDelta: number,
): Promise<StoreModifierPriceView> {
  return db.transaction(async (tx) => {
    await lockOption(tx, actor.companyId, target.groupId, target.optionId);
    await assertWorksInStore(tx, actor, target.storeId, storeNotFound);
    const current = await liveStoreDelta(tx, actor.companyId, target.storeId, target.optionId);
    const unchanged = current?.priceDelta === priceDelta;
    const [row] = unchanged
      ? [current]
      : current
        ? await tx
            .update(storeModifierPrices)
            .set({ priceDelta, version: sql`${storeModifierPrices.version} + 1` })
            .where(
              inCompany(
                storeModifierPrices,
                actor.companyId,
                eq(storeModifierPrices.id, current.id),
              ),
            )
            .returning()
        : await tx
            .insert(storeModifierPrices)
            .values({
              companyId: actor.companyId,
              storeId: target.storeId,
              optionId: target.optionId,
              priceDelta,
            })
            .returning();
    if (!row) throw new Error('a store modifier price was written without a row');
    await recordModifierPriceChanges(tx, actor, [
      {
        optionId: target.optionId,
        storeId: target.storeId,
        oldDelta: current?.priceDelta ?? null,
        newDelta: priceDelta,
      },
    ]);
    if (!unchanged) {
      await recordAudit(tx, actor, {
        action: 'store_modifier_price.set',
        entityType: 'modifier_option',
        entityId: target.optionId,
        before: current ? { storeId: target.storeId, priceDelta: current.priceDelta } : null,
        after: { storeId: target.storeId, priceDelta },
      });
    }
    return {
      groupId: target.groupId,
      optionId: row.optionId,
      storeId: row.storeId,
      priceDelta: row.priceDelta,
      updatedAt: row.updatedAt,
      version: row.version,
    };
  });
}

/** The company's delta applies in the store again; 404 when the store had none of its own. */
export async function clearStoreModifierPrice(
  db: Db,
  actor: Actor,
  target: { groupId: string; optionId: string; storeId: string },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await lockOption(tx, actor.companyId, target.groupId, target.optionId);
    await assertWorksInStore(tx, actor, target.storeId, storeNotFound);
    const current = await liveStoreDelta(tx, actor.companyId, target.storeId, target.optionId);
    if (!current) {
      throw new ApiError('NOT_FOUND', { detail: { key: 'catalog.storePriceNotFound' } });
    }
    await tx
      .update(storeModifierPrices)
      .set({ deletedAt: now, version: sql`${storeModifierPrices.version} + 1` })
      .where(
        inCompany(storeModifierPrices, actor.companyId, eq(storeModifierPrices.id, current.id)),
      );
    await recordModifierPriceChanges(tx, actor, [
      {
        optionId: target.optionId,
        storeId: target.storeId,
        oldDelta: current.priceDelta,
        newDelta: null,
      },
    ]);
    await recordAudit(tx, actor, {
      action: 'store_modifier_price.clear',
      entityType: 'modifier_option',
      entityId: target.optionId,
      before: { storeId: target.storeId, priceDelta: current.priceDelta },
    });
  });
}
