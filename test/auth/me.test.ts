import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { rolePermissions, tenantPermissions } from '../../src/auth/permissions';
import { type Store, type User, users } from '../../src/db/schema';
import type { meSchema } from '../../src/routes/v1/me/schemas';
import { signIn } from '../support/auth';
import { createStore, withDatabase } from '../support/factories';
import { companyWithOwner, getMe, staff } from './helpers';

type MeBody = z.infer<typeof meSchema>;

async function meOf(user: User) {
  const session = await signIn(user);
  const response = await getMe(session);
  expect(response.status).toBe(200);
  return { session, body: await response.json<MeBody>() };
}

const codesOf = (stores: Array<Pick<Store, 'code'>>) => stores.map((store) => store.code);

/** A company with three live stores (codes out of order) and a deleted one; another company's. */
async function companyWithStores() {
  const { company, owner } = await companyWithOwner();
  const stores = [
    await createStore(company.id, { code: 'TOKOC', name: 'Cabang C' }),
    await createStore(company.id, { code: 'TOKOA', name: 'Cabang A' }),
    await createStore(company.id, { code: 'TOKOB', name: 'Cabang B' }),
  ];
  const closed = await createStore(company.id, { code: 'TOKOX', deletedAt: new Date() });
  const outsider = await companyWithOwner();
  await createStore(outsider.company.id, { code: 'TOKO0', name: 'Perusahaan lain' });
  return { company, owner, stores, closed };
}

describe('GET /api/v1/me', () => {
  it('describes the owner: user, company, every live store of the company, all permissions', async () => {
    const { company, owner } = await companyWithStores();
    const { session, body } = await meOf(owner);
    expect(body.user).toMatchObject({
      id: owner.id,
      name: 'Pemilik',
      email: owner.email,
      role: 'owner',
    });
    expect(body.user.lastLoginAt).not.toBeNull();
    expect(JSON.stringify(body)).not.toMatch(/passwordHash|pinHash/);
    expect(body.company).toEqual({
      id: company.id,
      name: company.name,
      status: 'active',
      kind: 'tenant',
      defaultLanguage: 'id',
    });
    expect(body.user.mustChangePassword).toBe(false);
    expect(codesOf(body.stores)).toEqual(['TOKOA', 'TOKOB', 'TOKOC']);
    expect(body.permissions).toEqual([...tenantPermissions].sort());
    expect(body.sessionId).toBe(session.sessionId);
  });

  it('gives a cashier only the assigned live stores and only sales.create', async () => {
    const { company, stores, closed } = await companyWithStores();
    const [storeC, storeA] = stores;
    const storeIds = [storeC, storeA, closed].map((store) => store?.id ?? '');
    const cashier = await staff(company.id, 'cashier', { storeIds });
    const { body } = await meOf(cashier);
    expect(codesOf(body.stores)).toEqual(['TOKOA', 'TOKOC']);
    expect(body.permissions).toEqual(['sales.create']);
  });

  it('gives a user with no assignment no stores', async () => {
    const { company } = await companyWithStores();
    const { body } = await meOf(await staff(company.id, 'manager'));
    expect(body.stores).toEqual([]);
  });

  it("gives a manager the role's permissions as a sorted list", async () => {
    const { company } = await companyWithOwner();
    const { body } = await meOf(await staff(company.id, 'manager'));
    expect(body.permissions).toEqual([...rolePermissions.manager].sort());
    expect(body.permissions).toContain('users.manage');
    expect(body.permissions).not.toContain('settings.manage');
  });

  it('applies per-user grants and revocations on top of the role', async () => {
    const { company } = await companyWithOwner();
    const cashier = await staff(company.id, 'cashier', {
      permissionsGranted: ['discount.apply', 'reports.view'],
      permissionsRevoked: ['sales.create'],
    });
    const { body } = await meOf(cashier);
    expect(body.permissions).toEqual(['discount.apply', 'reports.view']);
  });

  it('sees a role change on the next request without signing in again', async () => {
    const { company } = await companyWithOwner();
    const cashier = await staff(company.id, 'cashier');
    const { session } = await meOf(cashier);
    await withDatabase(({ db }) =>
      db.update(users).set({ role: 'manager' }).where(eq(users.id, cashier.id)),
    );
    const body = await (await getMe(session)).json<MeBody>();
    expect(body.user.role).toBe('manager');
    expect(body.permissions).toContain('users.manage');
  });
});
