import { and, asc, eq, sql } from 'drizzle-orm';
import { createApp } from '../../src/app';
import {
  auditLogs,
  inventoryLevels,
  notifications,
  products,
  productVariants,
  type Store,
  stockMovements,
} from '../../src/db/schema';
import type { JobMessage } from '../../src/queues/messages';
import { bearer } from '../support/auth';
import { createStore, withDatabase } from '../support/factories';
import { requestApp } from '../support/worker';
import { type Member, member, tenant } from '../users/helpers';

export { send } from '../users/helpers';

/** A company with two stores, an owner, a manager and a cashier, all signed in. */
export interface InventoryTenant {
  companyId: string;
  store: Store;
  otherStore: Store;
  owner: Member;
  manager: Member;
  cashier: Member;
}

export async function inventoryTenant(
  storeOverrides: Parameters<typeof createStore>[1] = {},
): Promise<InventoryTenant> {
  const { company, owner } = await tenant();
  const [store, otherStore] = await Promise.all([
    createStore(company.id, storeOverrides),
    createStore(company.id),
  ]);
  if (!store || !otherStore) throw new Error('stores not created');
  const [manager, cashier] = await Promise.all([
    member(company.id, 'manager', { storeIds: [store.id, otherStore.id] }),
    member(company.id, 'cashier', { storeIds: [store.id] }),
  ]);
  return { companyId: company.id, store, otherStore, owner, manager, cashier };
}

/** A product with one default variant, written directly (the catalog API is separate). */
export async function createVariant(
  companyId: string,
  options: {
    tracksStock?: boolean;
    name?: string;
    product?: Partial<typeof products.$inferInsert>;
  } = {},
) {
  const sku = `SKU-${crypto.randomUUID().slice(0, 8)}`;
  return withDatabase(async ({ db }) => {
    const [product] = await db
      .insert(products)
      .values({
        companyId,
        name: options.name ?? 'Kopi Susu',
        sku,
        price: 18000,
        ...options.product,
      })
      .returning();
    if (!product) throw new Error('product not created');
    const [variant] = await db
      .insert(productVariants)
      .values({
        companyId,
        productId: product.id,
        name: options.name ?? 'Reguler',
        sku,
        isDefault: true,
        tracksStock: options.tracksStock ?? true,
      })
      .returning();
    if (!variant) throw new Error('variant not created');
    return variant;
  });
}

export function levelRow(storeId: string, variantId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db
      .select()
      .from(inventoryLevels)
      .where(and(eq(inventoryLevels.storeId, storeId), eq(inventoryLevels.variantId, variantId)));
    return row;
  });
}

export async function levelOf(storeId: string, variantId: string): Promise<number | undefined> {
  return (await levelRow(storeId, variantId))?.quantity;
}

export function movementsOf(companyId: string) {
  return withDatabase(({ db }) =>
    db
      .select()
      .from(stockMovements)
      .where(eq(stockMovements.companyId, companyId))
      .orderBy(asc(stockMovements.createdAt), asc(stockMovements.id)),
  );
}

/** Every level of the company next to the sum of its movements: the ledger invariant. */
export function levelsAgainstLedger(companyId: string) {
  return withDatabase(async ({ db }) => {
    const result = await db.execute<{
      store_id: string;
      variant_id: string;
      quantity: number;
      ledger: number;
    }>(sql`
      select l.store_id, l.variant_id, l.quantity,
             coalesce((select sum(m.quantity_delta)::int from ${stockMovements} m
                        where m.company_id = l.company_id and m.store_id = l.store_id
                          and m.variant_id = l.variant_id), 0) as ledger
        from ${inventoryLevels} l
       where l.company_id = ${companyId}`);
    return result.rows;
  });
}

export function auditCount(companyId: string, actionPrefix = 'inventory.') {
  return withDatabase(async ({ db }) => {
    const [row] = await db
      .select({ count: sql<number>`count(*)::int` })
      .from(auditLogs)
      .where(
        and(
          eq(auditLogs.companyId, companyId),
          sql`${auditLogs.action} like ${`${actionPrefix}%`}`,
        ),
      );
    return row?.count ?? 0;
  });
}

/** Counts of what a write may leave behind, to assert a refused request wrote nothing. */
export async function footprint(companyId: string) {
  const [movements, levels, audits] = await Promise.all([
    movementsOf(companyId),
    withDatabase(({ db }) =>
      db
        .select()
        .from(inventoryLevels)
        .where(eq(inventoryLevels.companyId, companyId))
        .orderBy(asc(inventoryLevels.id)),
    ),
    auditCount(companyId, ''),
  ]);
  return { movements: movements.length, levels, audits };
}

export function notificationsOf(companyId: string) {
  return withDatabase(({ db }) =>
    db.select().from(notifications).where(eq(notifications.companyId, companyId)),
  );
}

/**
 * A JOBS binding that records what is sent (or fails every send); `Message` narrows what the
 * test expects to see.
 */
export function fakeQueue<Message extends JobMessage = JobMessage>(
  options: { fail?: boolean } = {},
) {
  const sent: Message[] = [];
  const queue = {
    async send(message: Message) {
      if (options.fail) throw new Error('queue unavailable');
      sent.push(message);
    },
    async sendBatch(messages: Iterable<{ body: Message }>) {
      if (options.fail) throw new Error('queue unavailable');
      for (const message of messages) sent.push(message.body);
    },
  };
  return { sent, queue: queue as unknown as Queue<JobMessage> };
}

const app = createApp();

/**
 * A request through the real app with a given JOBS binding; the execution context's waitUntil
 * work (the alert sends) is finished before this returns.
 */
export function sendWithQueue(
  session: Member['session'],
  queue: Queue<JobMessage>,
  method: string,
  path: string,
  body?: unknown,
) {
  return requestApp(
    app,
    path,
    {
      method,
      headers: { ...bearer(session), 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    { JOBS: queue },
  );
}

export const inventoryPath = (path: string) => `/api/v1/inventory${path}`;
