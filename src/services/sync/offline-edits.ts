import type { Actor } from '../../auth/actor';
import type { Permission } from '../../auth/permissions';
import { hasPermission } from '../../auth/policy';
import type { Db } from '../../db/client';
import { type NewSyncEvent, syncEvents } from '../../db/schema';
import { ApiError, type ErrorCode } from '../../lib/errors';
import { type Message, translate } from '../../lib/messages';
import { getProduct, type UpdateProductInput, updateProduct } from '../catalog/products';
import { setStorePrice } from '../catalog/store-prices';
import { countStock } from '../inventory';

/**
 * Edits a manager's device made while offline, sent when it reconnects. Each carries the version
 * of the record it was made against. The rule is server-timestamp-wins, per record type:
 *
 * - product: the edit applies only if the product is still at that version. Otherwise the server's
 *   copy (changed later, or by someone who reached the server first) stands and is returned.
 * - storePrice: the same, on the store's own price of the variant; version 0 means the device saw
 *   no store price.
 * - stockCount: the count applies only if the stock level has not moved since the device saw it
 *   (version 0: no level yet). A sale or delivery in between makes the count stale: the server's
 *   level stands, is returned, and the device counts again.
 *
 * Every conflict is logged in sync_events (kind `conflict`) with both versions. Each edit is its
 * own transaction; one refused edit does not stop the others.
 */
export type OfflineEdit =
  | { type: 'product'; id: string; version: number; fields: Omit<UpdateProductInput, 'version'> }
  | { type: 'storePrice'; productId: string; variantId: string; version: number; price: number }
  | {
      type: 'stockCount';
      variantId: string;
      version: number;
      countedQuantity: number;
      reason: string;
    };

export type EditResult =
  | { index: number; type: OfflineEdit['type']; status: 'applied'; record: unknown }
  | {
      index: number;
      type: OfflineEdit['type'];
      status: 'conflict';
      current: unknown;
      message: string;
    }
  | {
      index: number;
      type: OfflineEdit['type'];
      status: 'rejected';
      code: ErrorCode;
      reason: string;
      message: string;
    };

export interface OfflineEditContext {
  actor: Actor;
  storeId: string;
  language: 'id' | 'en';
}

const permissionFor: Record<OfflineEdit['type'], Permission> = {
  product: 'catalog.manage',
  storePrice: 'catalog.manage',
  stockCount: 'inventory.manage',
};

function entityOf(edit: OfflineEdit, storeId: string) {
  switch (edit.type) {
    case 'product':
      return { entityType: 'product', entityId: edit.id };
    case 'storePrice':
      return { entityType: 'store_price', entityId: edit.variantId, storeId };
    case 'stockCount':
      return { entityType: 'inventory_level', entityId: edit.variantId, storeId };
  }
}

async function apply(db: Db, context: OfflineEditContext, edit: OfflineEdit): Promise<unknown> {
  const { actor, storeId } = context;
  switch (edit.type) {
    case 'product':
      return updateProduct(db, actor, edit.id, { ...edit.fields, version: edit.version });
    case 'storePrice':
      return setStorePrice(
        db,
        actor,
        { productId: edit.productId, variantId: edit.variantId, storeId },
        edit.price,
        edit.version,
      );
    case 'stockCount': {
      const result = await countStock(db, actor, {
        storeId,
        reason: edit.reason,
        items: [
          {
            variantId: edit.variantId,
            countedQuantity: edit.countedQuantity,
            expectedVersion: edit.version,
          },
        ],
      });
      return result.levels[0] ?? { storeId, variantId: edit.variantId };
    }
  }
}

export async function applyOfflineEdits(
  db: Db,
  context: OfflineEditContext,
  edits: OfflineEdit[],
): Promise<EditResult[]> {
  const results: EditResult[] = [];
  const events: NewSyncEvent[] = [];
  for (const [index, edit] of edits.entries()) {
    const base = { index, type: edit.type };
    const say = (message: Message) => translate(message, context.language);
    const permission = permissionFor[edit.type];
    if (!hasPermission(context.actor, permission)) {
      const detail: Message = { key: 'auth.permissionMissing', params: { permission } };
      results.push({
        ...base,
        status: 'rejected',
        code: 'FORBIDDEN',
        reason: detail.key,
        message: say(detail),
      });
      continue;
    }
    try {
      results.push({ ...base, status: 'applied', record: await apply(db, context, edit) });
    } catch (error) {
      if (!(error instanceof ApiError) || !error.detail) throw error;
      if (error.detail.key !== 'request.staleVersion') {
        results.push({
          ...base,
          status: 'rejected',
          code: error.code,
          reason: error.detail.key,
          message: say(error.detail),
        });
        continue;
      }
      const current =
        edit.type === 'product'
          ? await getProduct(db, context.actor.companyId, edit.id)
          : error.extensions.current;
      const detail: Message = {
        key: 'sync.serverCopyWins',
        params: error.detail.params ?? {},
      };
      results.push({ ...base, status: 'conflict', current, message: say(detail) });
      events.push({
        companyId: context.actor.companyId,
        deviceSessionId: context.actor.sessionId,
        kind: 'conflict',
        ...entityOf(edit, context.storeId),
        code: 'server_copy_wins',
        message: translate(detail, 'en'),
        details: {
          clientVersion: edit.version,
          serverVersion: error.detail.params?.current,
          edit,
          current,
        },
      });
    }
  }
  if (events.length > 0) await db.insert(syncEvents).values(events);
  return results;
}
