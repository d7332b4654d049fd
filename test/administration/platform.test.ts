import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deviceSessions, syncBatches } from '../../src/db/schema';
import { expectCompanySuspended, messageOf } from '../auth/helpers';
import { countTransactions, type SaleShop, saleShop } from '../sales/helpers';
import { auditRows, loginBody, postJson, signIn, testPassword } from '../support/auth';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { batchOf, offlineSale, upload } from '../sync/helpers';
import { type Member, send, stringsIn, uniquePhone } from '../users/helpers';
import {
  initialPassword,
  type OnboardingBody,
  onboard,
  onboardingBody,
  platformAdmin,
  platformPath,
  uniqueTag,
} from './helpers';

type Admin = Awaited<ReturnType<typeof platformAdmin>>;

function suspend(admin: Admin, companyId: string, reason = 'Tagihan belum dibayar 60 hari') {
  return send(admin.session, 'POST', platformPath(companyId, '/suspend'), { reason });
}

function reactivate(admin: Admin, companyId: string) {
  return send(admin.session, 'POST', platformPath(companyId, '/reactivate'));
}

function liveSessionsOf(companyId: string) {
  return withDatabase(async ({ db }) =>
    (await db.select().from(deviceSessions).where(eq(deviceSessions.companyId, companyId))).filter(
      (session) => session.revokedAt === null,
    ),
  );
}

describe('suspending a company', () => {
  it('ends every session at once, answers 403 in id and en, and parks an offline batch until reactivation', async () => {
    const admin = await platformAdmin();
    const shop: SaleShop = await saleShop();
    const elsewhere = await saleShop();
    const batch = batchOf(shop, [offlineSale(shop), offlineSale(shop), offlineSale(shop)]);

    const suspended = await suspend(admin, shop.companyId);
    expect(suspended.status).toBe(200);
    expect(await suspended.json()).toMatchObject({
      status: 'suspended',
      suspendedReason: 'Tagihan belum dibayar 60 hari',
    });
    expect(await liveSessionsOf(shop.companyId)).toEqual([]);

    await expectCompanySuspended(await send(shop.cashier.session, 'GET', '/api/v1/me'));
    await expectCompanySuspended(await send(shop.owner.session, 'GET', '/api/v1/stores'));
    const english = await send(shop.owner.session, 'GET', '/api/v1/me', undefined, {
      'Accept-Language': 'en',
    });
    expect((await readProblem(english)).detail).toBe(messageOf('auth.companySuspended', {}, 'en'));
    await expectCompanySuspended(
      await postJson('/api/v1/auth/login', loginBody(shop.cashier.user)),
    );

    // The till's upload is refused as retryable and nothing of it is written.
    await expectCompanySuspended(await upload(shop.cashier, batch));
    expect(await countTransactions(shop.companyId)).toBe(0);
    const batches = await withDatabase(({ db }) =>
      db.select().from(syncBatches).where(eq(syncBatches.companyId, shop.companyId)),
    );
    expect(batches).toEqual([]);
    // Other companies carry on.
    expect((await send(elsewhere.cashier.session, 'GET', '/api/v1/me')).status).toBe(200);

    // Suspending again changes nothing.
    expect((await suspend(admin, shop.companyId, 'lagi')).status).toBe(200);
    expect(await auditRows(shop.companyId, 'company.suspend')).toHaveLength(1);

    const reactivated = await reactivate(admin, shop.companyId);
    expect(reactivated.status).toBe(200);
    expect(await reactivated.json()).toMatchObject({ status: 'active', suspendedReason: null });
    const cashier: Member = { ...shop.cashier, session: await signIn(shop.cashier.user) };
    const landed = await upload(cashier, batch);
    expect(landed.status).toBe(200);
    expect((await landed.json<{ counts: unknown }>()).counts).toMatchObject({ accepted: 3 });
    expect(await countTransactions(shop.companyId)).toBe(3);

    // Each log tells its side: the operator's names the company, the company's names the operator.
    for (const action of ['company.suspend', 'company.reactivate']) {
      const [tenantRow] = await auditRows(shop.companyId, action);
      expect(tenantRow).toMatchObject({ actorUserId: admin.user.id, entityId: shop.companyId });
      const platformRows = (await auditRows(admin.companyId, action)).filter(
        (row) => row.entityId === shop.companyId,
      );
      expect(platformRows).toHaveLength(1);
      expect(platformRows[0]?.after).toMatchObject({ targetCompanyId: shop.companyId });
    }
    const [suspendRow] = await auditRows(shop.companyId, 'company.suspend');
    expect(suspendRow?.after).toMatchObject({ revokedSessions: 3 });
  });

  it('answers 404 for the platform company and unknown ids, and 403 to a tenant owner', async () => {
    const admin = await platformAdmin();
    const shop = await saleShop();
    expect((await suspend(admin, admin.companyId)).status).toBe(404);
    expect((await suspend(admin, crypto.randomUUID())).status).toBe(404);
    const refused = await send(
      shop.owner.session,
      'POST',
      platformPath(shop.companyId, '/suspend'),
      {
        reason: 'coba',
      },
    );
    expect(refused.status).toBe(403);
    expect((await send(shop.owner.session, 'GET', '/api/v1/me')).status).toBe(200);
  });
});

describe('operators and a company’s people', () => {
  it('shows an operator a store’s tills as its owner sees them, and only operators’ actions in the company’s log', async () => {
    const admin = await platformAdmin();
    const shop = await saleShop();
    const elsewhere = await saleShop();
    const landed = await upload(shop.cashier, batchOf(shop, [offlineSale(shop)]));
    expect(landed.status).toBe(200);

    const status = await send(
      admin.session,
      'GET',
      platformPath(shop.companyId, `/stores/${shop.store.id}/sync-status`),
    );
    expect(status.status).toBe(200);
    const body = await status.json<{
      storeId: string;
      devices: Array<{ deviceSessionId: string; lastPushAt: string | null }>;
    }>();
    expect(body.storeId).toBe(shop.store.id);
    expect(body.devices.map((device) => device.deviceSessionId)).toEqual([
      shop.cashier.session.sessionId,
    ]);
    expect(body.devices[0]?.lastPushAt).not.toBeNull();
    // Another company's store, through this company's path: as if it did not exist.
    const foreign = await send(
      admin.session,
      'GET',
      platformPath(shop.companyId, `/stores/${elsewhere.store.id}/sync-status`),
    );
    expect(foreign.status).toBe(404);

    expect((await suspend(admin, shop.companyId)).status).toBe(200);
    expect((await reactivate(admin, shop.companyId)).status).toBe(200);
    const log = await send(admin.session, 'GET', platformPath(shop.companyId, '/audit-logs'));
    expect(log.status).toBe(200);
    const rows = (
      await log.json<{ data: Array<{ action: string; actorUserId: string; actorName: string }> }>()
    ).data;
    expect(rows.map((row) => row.action)).toEqual(['company.reactivate', 'company.suspend']);
    expect(rows.every((row) => row.actorUserId === admin.user.id)).toBe(true);
    // The operator is named, though not a user of this company.
    expect(rows.every((row) => row.actorName === admin.user.name)).toBe(true);
    // The company's own log holds the cashier's sale too; the operators' view leaves it out.
    expect(
      (await auditRows(shop.companyId)).some((row) => row.actorUserId === shop.cashier.user.id),
    ).toBe(true);
  });

  it('lists users and stores without a secret, and resets an owner’s access (owners only)', async () => {
    const admin = await platformAdmin();
    const shop = await saleShop();
    const listed = await send(admin.session, 'GET', platformPath(shop.companyId, '/users'));
    expect(listed.status).toBe(200);
    const users = await listed.json<{ data: Array<{ id: string }> }>();
    expect(users.data.map((user) => user.id)).toContain(shop.owner.user.id);
    const text = stringsIn(users).join(' ');
    for (const secret of [shop.owner.user.passwordHash, shop.owner.user.pinHash ?? '-']) {
      expect(text).not.toContain(secret);
    }
    const stores = await send(admin.session, 'GET', platformPath(shop.companyId, '/stores'));
    expect(
      (await stores.json<{ data: Array<{ id: string }> }>()).data.map((s) => s.id).sort(),
    ).toEqual([shop.store.id, shop.otherStore.id].sort());

    const resetPath = (userId: string) =>
      platformPath(shop.companyId, `/users/${userId}/reset-access`);
    const notOwner = await send(admin.session, 'POST', resetPath(shop.cashier.user.id), {
      initialPassword,
    });
    expect(notOwner.status).toBe(422);
    const other = await saleShop();
    const foreign = await send(admin.session, 'POST', resetPath(other.owner.user.id), {
      initialPassword,
    });
    expect(foreign.status).toBe(404);

    const reset = await send(admin.session, 'POST', resetPath(shop.owner.user.id), {
      initialPassword,
    });
    expect(reset.status).toBe(204);
    expect((await send(shop.owner.session, 'GET', '/api/v1/me')).status).toBe(401);
    const oldPassword = await postJson(
      '/api/v1/auth/login',
      loginBody(shop.owner.user, testPassword),
    );
    expect(oldPassword.status).toBe(401);
    const session = await signIn(shop.owner.user, { password: initialPassword });
    expect((await send(session, 'GET', '/api/v1/stores')).status).toBe(403);
    const [row] = await auditRows(shop.companyId, 'user.access_reset');
    expect(row).toMatchObject({ actorUserId: admin.user.id, entityId: shop.owner.user.id });
    expect(
      (await auditRows(admin.companyId, 'user.access_reset')).map((r) => r.entityId),
    ).toContain(shop.owner.user.id);
  });
});

describe('GET /api/v1/platform/companies', () => {
  it('lists companies newest first with their health, filters by status and search, and pages', async () => {
    const admin = await platformAdmin();
    const tag = uniqueTag();
    const phone = uniquePhone();
    const first = onboardingBody(tag);
    const second = onboardingBody(tag, {
      company: { ...first.company, name: `Bakso Mas Tag ${tag}`, npwp: '31.234.567.8-901.000' },
      owner: { name: 'Mas Tag', phone: phone.typed, initialPassword },
    });
    const a = await (await onboard(admin, first)).json<OnboardingBody>();
    const b = await (await onboard(admin, second)).json<OnboardingBody>();

    // A sale today in the first company, by its owner.
    const owner = await signIn(
      { email: first.owner.email, phone: null },
      { password: initialPassword },
    );
    await send(owner, 'POST', '/api/v1/me/password', {
      currentPassword: initialPassword,
      newPassword: 'sate-enak-sekali',
    });
    const product = await send(owner, 'POST', '/api/v1/products', {
      name: 'Sate Kambing',
      sku: 'SATE-KAMBING',
      price: 45_000,
    });
    const variantId = (await product.json<{ variants: Array<{ id: string }> }>()).variants[0]?.id;
    const sale = await send(owner, 'POST', '/api/v1/transactions', {
      storeId: a.stores[0]?.id,
      items: [{ variantId, quantity: 2 }],
      payments: [{ method: 'cash', tendered: 100_000 }],
    });
    expect(sale.status).toBe(201);
    const { total } = await sale.json<{ total: number }>();

    const list = async (query: string) => {
      const response = await send(admin.session, 'GET', `/api/v1/platform/companies?${query}`);
      expect(response.status).toBe(200);
      return response.json<{
        data: Array<{ id: string; health: Record<string, unknown> }>;
        nextCursor: string | null;
      }>();
    };
    const page = await list(`search=${tag}`);
    expect(page.data.map((company) => company.id)).toEqual([b.company.id, a.company.id]);
    expect(page.data[1]?.health).toMatchObject({
      stores: 1,
      activeDevices: 1,
      salesToday: 1,
      salesTodayTotal: total,
      failedBatches24h: 0,
      stalledBatches24h: 0,
      lastSyncAt: null,
    });
    expect(page.data[1]?.health.lastSaleAt).not.toBeNull();
    expect(page.data[0]?.health).toMatchObject({ salesToday: 0, lastSaleAt: null });

    expect((await list('search=31.234.567')).data.map((c) => c.id)).toEqual([b.company.id]);
    expect((await list(`search=${phone.typed}`)).data.map((c) => c.id)).toEqual([b.company.id]);

    const firstPage = await list(`search=${tag}&limit=1`);
    expect(firstPage.data.map((c) => c.id)).toEqual([b.company.id]);
    const secondPage = await list(`search=${tag}&limit=1&cursor=${firstPage.nextCursor}`);
    expect(secondPage.data.map((c) => c.id)).toEqual([a.company.id]);
    expect(secondPage.nextCursor).toBeNull();

    await suspend(admin, a.company.id);
    expect((await list(`search=${tag}&status=suspended`)).data.map((c) => c.id)).toEqual([
      a.company.id,
    ]);
    expect((await list(`search=${tag}&status=active`)).data.map((c) => c.id)).toEqual([
      b.company.id,
    ]);

    const detail = await send(admin.session, 'GET', platformPath(a.company.id));
    expect(await detail.json()).toMatchObject({ id: a.company.id, status: 'suspended' });
    const patched = await send(admin.session, 'PATCH', platformPath(b.company.id), {
      version: b.company.version,
      plan: 'pro',
    });
    expect(await patched.json()).toMatchObject({ plan: 'pro', version: b.company.version + 1 });
    const stale = await send(admin.session, 'PATCH', platformPath(b.company.id), {
      version: b.company.version,
      plan: 'trial',
    });
    expect(stale.status).toBe(409);
  });
});
