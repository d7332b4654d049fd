import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { syncBatches, syncEvents } from '../../src/db/schema';
import type { feedPageSchema } from '../../src/routes/v1/sync/schemas';
import type { SaleShop } from '../sales/helpers';
import { withDatabase } from '../support/factories';
import { type Member, send } from '../users/helpers';

export { send };

export interface SaleResultBody {
  index: number;
  id: string | null;
  status: 'accepted' | 'duplicate' | 'rejected';
  number?: string;
  total?: number;
  flags?: string[];
  code?: string;
  reason?: string;
  message?: string;
  retryable?: boolean;
  errors?: Array<{ path: string; code: string; message: string }>;
}

export interface UploadBody {
  batchId: string;
  storeId: string;
  receivedAt: string;
  counts: { accepted: number; duplicate: number; rejected: number };
  results: SaleResultBody[];
}

let reference = 0;

/** A cash sale of one coffee made offline an hour ago by the shop's cashier. */
export function offlineSale(shop: SaleShop, overrides: Record<string, unknown> = {}) {
  reference += 1;
  return {
    id: crypto.randomUUID(),
    storeId: shop.store.id,
    clientReference: `TILL1-${reference}`,
    clientCreatedAt: new Date(Date.now() - 60 * 60 * 1000).toISOString(),
    cashierId: shop.cashier.user.id,
    items: [{ variantId: shop.coffee.id, quantity: 1 }],
    payments: [{ method: 'cash', tendered: 50_000 }],
    ...overrides,
  };
}

export function batchOf(shop: SaleShop, sales: unknown[], batchId = crypto.randomUUID()) {
  return { batchId, storeId: shop.store.id, sales };
}

export function upload(
  uploader: Member,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return send(uploader.session, 'POST', '/api/v1/sync/transactions', body, headers);
}

export async function uploadOk(uploader: Member, body: unknown): Promise<UploadBody> {
  const response = await upload(uploader, body);
  if (response.status !== 200) {
    throw new Error(`upload failed: ${response.status} ${await response.text()}`);
  }
  return response.json<UploadBody>();
}

export function batchRow(batchId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(syncBatches).where(eq(syncBatches.id, batchId));
    return row;
  });
}

export function eventsOfBatch(batchId: string) {
  return withDatabase(({ db }) =>
    db
      .select()
      .from(syncEvents)
      .where(eq(syncEvents.batchId, batchId))
      .orderBy(asc(syncEvents.createdAt)),
  );
}

/** gzip of a JSON body, as a browser's CompressionStream makes it. */
export async function gzipJson(body: unknown): Promise<Uint8Array> {
  const stream = new Blob([JSON.stringify(body)])
    .stream()
    .pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export type FeedPageBody = z.infer<typeof feedPageSchema>;
export type FeedChangeBody = FeedPageBody['changes'][number];

async function feedPage(response: Response): Promise<FeedPageBody> {
  if (response.status !== 200) {
    throw new Error(`pull failed: ${response.status} ${await response.text()}`);
  }
  return response.json<FeedPageBody>();
}

export function deltaPage(puller: Member, storeId: string, cursor?: string, limit = 500) {
  const query = new URLSearchParams({ storeId, limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return send(puller.session, 'GET', `/api/v1/sync/delta?${query}`).then(feedPage);
}

export function fullPage(puller: Member, storeId: string, cursor?: string, limit = 500) {
  return send(puller.session, 'POST', '/api/v1/sync/full', { storeId, cursor, limit }).then(
    feedPage,
  );
}

/** What a till holds: every record it was sent, by type and id. */
export class DeviceState {
  readonly records = new Map<string, Record<string, unknown>>();
  cursor: string | undefined;

  apply(changes: FeedChangeBody[]): void {
    for (const change of changes) {
      const key = `${change.type}:${change.id}`;
      if (change.op === 'delete') this.records.delete(key);
      else this.records.set(key, change.data ?? {});
    }
  }

  ofType(type: string): Array<[string, Record<string, unknown>]> {
    return [...this.records]
      .filter(([key]) => key.startsWith(`${type}:`))
      .map(([key, data]) => [key.slice(type.length + 1), data]);
  }

  /** A new device: pages of the full snapshot until it hands over to deltas. */
  static async fromFull(puller: Member, storeId: string, limit = 500): Promise<DeviceState> {
    const device = new DeviceState();
    let page = await fullPage(puller, storeId, undefined, limit);
    device.apply(page.changes);
    while (page.hasMore) {
      page = await fullPage(puller, storeId, page.cursor, limit);
      device.apply(page.changes);
    }
    device.cursor = page.cursor;
    return device;
  }

  /** Deltas until there is nothing more; answers how many changes came. */
  async catchUp(puller: Member, storeId: string, limit = 500): Promise<number> {
    let received = 0;
    for (;;) {
      const page = await deltaPage(puller, storeId, this.cursor, limit);
      this.apply(page.changes);
      received += page.changes.length;
      this.cursor = page.cursor;
      if (!page.hasMore) return received;
    }
  }
}
