import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { stores } from '../../src/db/schema';
import { type SaleShop, saleShop, sell } from '../sales/helpers';
import { auditRows } from '../support/auth';
import { createStore, withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { batchOf, offlineSale, uploadOk } from '../sync/helpers';
import { member, send } from '../users/helpers';
import { type StoreBody, storePath, uniqueCode } from './helpers';

function newStore(overrides: Record<string, unknown> = {}) {
  return {
    code: uniqueCode(),
    name: 'Cabang Dago',
    address: 'Jl. Ir. H. Juanda 100, Bandung',
    phone: '(022) 2501234',
    timezone: 'Asia/Jakarta',
    taxRegime: 'pbjt',
    taxRateBasisPoints: 1000,
    serviceChargeBasisPoints: 500,
    cashRoundingStep: 100,
    businessDayCutoffHour: 4,
    ...overrides,
  };
}

async function created(shop: SaleShop, body = newStore()): Promise<StoreBody> {
  const response = await send(shop.owner.session, 'POST', '/api/v1/stores', body);
  expect(response.status).toBe(201);
  return response.json<StoreBody>();
}

function liveStore(storeId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(stores).where(eq(stores.id, storeId));
    return row;
  });
}

describe('stores of a company', () => {
  it('an owner adds a store with its settings and reads it; codes are unique in the company', async () => {
    const shop = await saleShop();
    const body = newStore({ code: ` ${uniqueCode().toLowerCase()} ` });
    const store = await created(shop, body);
    expect(store).toMatchObject({
      code: body.code.trim().toUpperCase(),
      taxRegime: 'pbjt',
      taxRateBasisPoints: 1000,
      hasSales: false,
      scheduledSettings: [],
      version: 1,
    });
    const read = await send(shop.owner.session, 'GET', storePath(store.id));
    expect(await read.json()).toEqual(store);
    const listed = await send(shop.owner.session, 'GET', '/api/v1/stores');
    const ids = (await listed.json<{ data: StoreBody[] }>()).data.map((row) => row.id);
    expect(ids.sort()).toEqual([shop.store.id, shop.otherStore.id, store.id].sort());

    const again = await send(
      shop.owner.session,
      'POST',
      '/api/v1/stores',
      newStore({ code: store.code }),
    );
    expect(again.status).toBe(409);
    expect((await readProblem(again)).errors?.[0]).toMatchObject({ path: 'code', code: 'taken' });
    // Another company may use the same code.
    const other = await saleShop();
    await created(other, newStore({ code: store.code }));
    const [audit] = await auditRows(shop.companyId, 'store.create');
    expect(audit?.entityId).toBe(store.id);
  });

  it('refuses invalid combinations with 422 and the field, and malformed values with 400', async () => {
    const shop = await saleShop();
    const cases = [
      [{ taxRegime: 'ppn', taxRateBasisPoints: 1100 }, 'taxRegime', 'requires_pkp'],
      [{ taxRateBasisPoints: 1100 }, 'taxRateBasisPoints', 'above_legal_maximum'],
      [{ taxRegime: 'none' }, 'taxRateBasisPoints', 'rate_without_regime'],
      [{ nonCashRoundingStep: 250 }, 'nonCashRoundingStep', 'rounding_step'],
    ] as const;
    for (const [change, path, code] of cases) {
      const response = await send(shop.owner.session, 'POST', '/api/v1/stores', newStore(change));
      expect(response.status).toBe(422);
      expect((await readProblem(response)).errors).toContainEqual(
        expect.objectContaining({ path, code }),
      );
      const update = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
        version: 1,
        ...change,
      });
      expect(update.status).toBe(422);
    }
    const malformed = await send(
      shop.owner.session,
      'POST',
      '/api/v1/stores',
      newStore({ code: 'A', timezone: 'Asia/Singapore', businessDayCutoffHour: 24, extra: 1 }),
    );
    expect(malformed.status).toBe(400);
    const paths = (await readProblem(malformed)).errors?.map((error) => error.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['code', 'timezone', 'businessDayCutoffHour']));
    const rows = await withDatabase(({ db }) =>
      db.select().from(stores).where(eq(stores.companyId, shop.companyId)),
    );
    expect(rows).toHaveLength(2);
    expect((await liveStore(shop.store.id))?.version).toBe(1);
  });

  it('lets a manager read only the stores they work in, and change nothing', async () => {
    const shop = await saleShop();
    const manager = await member(shop.companyId, 'manager', { storeIds: [shop.store.id] });
    const listed = await send(manager.session, 'GET', '/api/v1/stores');
    expect((await listed.json<{ data: StoreBody[] }>()).data.map((s) => s.id)).toEqual([
      shop.store.id,
    ]);
    expect((await send(manager.session, 'GET', storePath(shop.otherStore.id))).status).toBe(403);
    const create = await send(manager.session, 'POST', '/api/v1/stores', newStore());
    expect(create.status).toBe(403);
    const change = await send(manager.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      taxRateBasisPoints: 500,
    });
    expect(change.status).toBe(403);
    expect((await send(manager.session, 'DELETE', storePath(shop.store.id))).status).toBe(403);
    const foreign = await saleShop();
    expect((await send(shop.owner.session, 'GET', storePath(foreign.store.id))).status).toBe(404);
    const foreignChange = await send(shop.owner.session, 'PATCH', storePath(foreign.store.id), {
      version: 1,
      name: 'Bukan milik saya',
    });
    expect(foreignChange.status).toBe(404);
    expect((await liveStore(foreign.store.id))?.name).not.toBe('Bukan milik saya');
  });

  it('of two owners editing one version, one wins and the other gets 409 with the current store', async () => {
    const shop = await saleShop();
    const secondOwner = await member(shop.companyId, 'owner');
    const [first, second] = await Promise.all([
      send(shop.owner.session, 'PATCH', storePath(shop.store.id), { version: 1, name: 'Satu' }),
      send(secondOwner.session, 'PATCH', storePath(shop.store.id), { version: 1, name: 'Dua' }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const loser = first.status === 409 ? first : second;
    const problem = await readProblem(loser);
    expect(problem.current).toMatchObject({ version: 2 });
    expect((await liveStore(shop.store.id))?.version).toBe(2);
    // If-Match works as well as the body's version.
    const viaHeader = await send(
      shop.owner.session,
      'PATCH',
      storePath(shop.store.id),
      { address: 'Jl. Baru 1' },
      { 'If-Match': '"2"' },
    );
    expect(viaHeader.status).toBe(200);
    const missing = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      name: 'Tanpa versi',
    });
    expect(missing.status).toBe(400);
  });

  it('fixes the code and time zone once the store has sales, not the name', async () => {
    const shop = await saleShop();
    const fresh = await created(shop);
    const renamed = await send(shop.owner.session, 'PATCH', storePath(fresh.id), {
      version: 1,
      code: uniqueCode(),
      timezone: 'Asia/Makassar',
    });
    expect(renamed.status).toBe(200);

    const sale = await sell(shop.cashier, {
      storeId: shop.store.id,
      items: [{ variantId: shop.tea.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(sale.status).toBe(201);
    for (const [field, value] of [
      ['code', uniqueCode()],
      ['timezone', 'Asia/Jayapura'],
    ] as const) {
      const response = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
        version: 1,
        [field]: value,
      });
      expect(response.status).toBe(422);
      expect((await readProblem(response)).errors?.[0]).toMatchObject({
        path: field,
        code: 'fixed_by_sales',
      });
    }
    const named = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      name: 'Cabang Utama',
    });
    expect(named.status).toBe(200);
    expect(await named.json()).toMatchObject({ name: 'Cabang Utama', hasSales: true, version: 2 });
  });

  it('deletes a store only once no device is signed in to it, naming them; a retry is 204', async () => {
    const shop = await saleShop();
    await uploadOk(shop.cashier, batchOf(shop, [offlineSale(shop)]));
    const refused = await send(shop.owner.session, 'DELETE', storePath(shop.store.id));
    expect(refused.status).toBe(409);
    const problem = await readProblem(refused);
    expect(problem.detail).toContain('Kasir Depan');
    expect(problem.devices).toEqual([
      expect.objectContaining({ userId: shop.cashier.user.id, deviceName: 'Kasir Depan' }),
    ]);
    expect((await liveStore(shop.store.id))?.deletedAt).toBeNull();

    expect((await send(shop.cashier.session, 'POST', '/api/v1/auth/logout')).status).toBe(204);
    const deleted = await send(shop.owner.session, 'DELETE', storePath(shop.store.id));
    expect(deleted.status).toBe(204);
    expect((await liveStore(shop.store.id))?.deletedAt).not.toBeNull();
    const retry = await send(shop.owner.session, 'DELETE', storePath(shop.store.id));
    expect(retry.status).toBe(204);
    expect(await auditRows(shop.companyId, 'store.delete')).toHaveLength(1);
    expect((await send(shop.owner.session, 'GET', storePath(shop.store.id))).status).toBe(404);
    // The code is free again.
    const store = await liveStore(shop.store.id);
    await created(shop, newStore({ code: store?.code }));
    // A store that never was, and another company's, are 404.
    const foreign = await createStore((await saleShop()).companyId);
    expect((await send(shop.owner.session, 'DELETE', storePath(foreign.id))).status).toBe(404);
    expect((await send(shop.owner.session, 'DELETE', storePath(crypto.randomUUID()))).status).toBe(
      404,
    );
  });
});

describe('GET/PATCH /api/v1/company', () => {
  it('an owner edits the company: NPWP normalised, https logo, version checked, PKP kept while PPN is charged', async () => {
    const shop = await saleShop();
    const read = await send(shop.owner.session, 'GET', '/api/v1/company');
    expect(read.status).toBe(200);
    const company = await read.json<{ version: number; isPkp: boolean }>();
    expect(company.isPkp).toBe(false);

    const http = await send(shop.owner.session, 'PATCH', '/api/v1/company', {
      version: company.version,
      logoUrl: 'http://example.com/logo.png',
      npwp: '12.345',
    });
    expect(http.status).toBe(400);
    expect((await readProblem(http)).errors?.map((error) => error.path).sort()).toEqual([
      'logoUrl',
      'npwp',
    ]);

    const updated = await send(shop.owner.session, 'PATCH', '/api/v1/company', {
      version: company.version,
      legalName: 'PT Kopi Nusantara Jaya',
      npwp: '01.234.567.8-901.000',
      isPkp: true,
      logoUrl: 'https://cdn.example.id/logo.png',
      defaultLanguage: 'en',
    });
    expect(updated.status).toBe(200);
    const body = await updated.json<{ version: number }>();
    expect(body).toMatchObject({ npwp: '012345678901000', isPkp: true, defaultLanguage: 'en' });
    const stale = await send(shop.owner.session, 'PATCH', '/api/v1/company', {
      version: company.version,
      name: 'Basi',
    });
    expect(stale.status).toBe(409);

    // A PKP may charge PPN; it cannot stop being one while it does.
    const ppn = await send(shop.owner.session, 'PATCH', storePath(shop.store.id), {
      version: 1,
      taxRegime: 'ppn',
      taxRateBasisPoints: 1100,
    });
    expect(ppn.status).toBe(200);
    const stop = await send(shop.owner.session, 'PATCH', '/api/v1/company', {
      version: body.version,
      isPkp: false,
    });
    expect(stop.status).toBe(422);
    expect((await readProblem(stop)).errors?.[0]).toMatchObject({ path: 'isPkp' });

    expect((await send(shop.manager.session, 'GET', '/api/v1/company')).status).toBe(403);
    expect(
      (await send(shop.manager.session, 'PATCH', '/api/v1/company', { version: 1, name: 'X' }))
        .status,
    ).toBe(403);
    expect(await auditRows(shop.companyId, 'company.update')).toHaveLength(1);
  });
});
