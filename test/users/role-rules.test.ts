import { beforeAll, describe, expect, it } from 'vitest';
import type { Company, User } from '../../src/db/schema';
import { auditRows, createUser } from '../support/auth';
import { createStore } from '../support/factories';
import { readProblem } from '../support/worker';
import {
  assignedStoreIds,
  type Member,
  member,
  send,
  tenant,
  uniqueEmail,
  userPath,
  userRow,
  usersOfCompany,
} from './helpers';

let company: Company;
let owner: Member;
let manager: Member;
let cashier: Member;

beforeAll(async () => {
  ({ company, owner } = await tenant());
  manager = await member(company.id, 'manager');
  cashier = await member(company.id, 'cashier');
});

/** Every route of /api/v1/users, aimed at `target`. */
function everyRoute(target: User, storeId: string): Array<[string, string, unknown?]> {
  return [
    ['GET', '/api/v1/users'],
    [
      'POST',
      '/api/v1/users',
      { name: 'X', email: uniqueEmail(), role: 'cashier', password: 'sandi-1234' },
    ],
    ['GET', userPath(target.id)],
    ['PATCH', userPath(target.id), { version: target.version, name: 'Diubah' }],
    ['POST', userPath(target.id, '/deactivate')],
    ['POST', userPath(target.id, '/reactivate')],
    ['POST', userPath(target.id, '/reset-password'), { password: 'sandi-lain-99' }],
    ['PUT', userPath(target.id, '/stores'), { storeIds: [storeId] }],
  ];
}

async function expectForbidden(response: Response): Promise<void> {
  expect(response.status).toBe(403);
  expect((await readProblem(response)).code).toBe('FORBIDDEN');
}

/** Runs `attempt` and checks it was refused with 403 and left the target and the trail alone. */
async function expectRefusedWithoutChange(target: User, attempt: () => Promise<Response>) {
  const [rowBefore, storesBefore, auditsBefore, people] = await Promise.all([
    userRow(target.id),
    assignedStoreIds(target.id),
    auditRows(company.id),
    usersOfCompany(company.id),
  ]);
  await expectForbidden(await attempt());
  expect(await userRow(target.id)).toEqual(rowBefore);
  expect(await assignedStoreIds(target.id)).toEqual(storesBefore);
  expect((await auditRows(company.id)).length).toBe(auditsBefore.length);
  expect((await usersOfCompany(company.id)).length).toBe(people.length);
}

describe('a cashier (no users.manage)', () => {
  it('gets 403 FORBIDDEN on every users route and changes nothing', async () => {
    const target = await createUser(company.id, { isActive: false });
    const store = await createStore(company.id);
    for (const [method, path, body] of everyRoute(target, store.id)) {
      await expectRefusedWithoutChange(target, () => send(cashier.session, method, path, body));
    }
  });
});

describe('a manager and owners', () => {
  it('cannot create an owner', async () => {
    const email = uniqueEmail();
    await expectRefusedWithoutChange(owner.user, () =>
      send(manager.session, 'POST', '/api/v1/users', {
        name: 'Pemilik Palsu',
        email,
        role: 'owner',
        password: 'sandi-pemilik-1',
      }),
    );
  });

  it('cannot promote anyone to owner, themselves included', async () => {
    const target = await createUser(company.id);
    await expectRefusedWithoutChange(target, () =>
      send(manager.session, 'PATCH', userPath(target.id), { version: 1, role: 'owner' }),
    );
    const self = await userRow(manager.user.id);
    if (!self) throw new Error('manager missing');
    await expectRefusedWithoutChange(self, () =>
      send(manager.session, 'PATCH', userPath(self.id), { version: self.version, role: 'owner' }),
    );
  });

  it('cannot edit, deactivate, reset or reassign an owner, but may view one', async () => {
    const otherOwner = await createUser(company.id, { role: 'owner' });
    const store = await createStore(company.id);
    const routes = everyRoute(otherOwner, store.id).filter(
      ([method, path]) => method !== 'GET' && path !== '/api/v1/users',
    );
    expect(routes).toHaveLength(5);
    for (const [method, path, body] of routes) {
      await expectRefusedWithoutChange(otherOwner, () => send(manager.session, method, path, body));
    }
    expect((await send(manager.session, 'GET', userPath(otherOwner.id))).status).toBe(200);
  });

  it('cannot change per-user permissions, even of a cashier, and is told why in English', async () => {
    const target = await createUser(company.id);
    await expectRefusedWithoutChange(target, () =>
      send(manager.session, 'PATCH', userPath(target.id), {
        version: 1,
        permissionsGranted: ['reports.view'],
      }),
    );
    const response = await send(
      manager.session,
      'POST',
      '/api/v1/users',
      {
        name: 'Y',
        email: uniqueEmail(),
        role: 'cashier',
        password: 'sandi-1234',
        permissionsRevoked: ['sales.create'],
      },
      { 'Accept-Language': 'en' },
    );
    expect(response.status).toBe(403);
    expect((await readProblem(response)).detail).toBe(
      'Only an owner can change per-user permissions.',
    );
  });

  it('can create cashiers and managers, and manage them', async () => {
    for (const role of ['cashier', 'manager'] as const) {
      const email = uniqueEmail();
      const created = await send(manager.session, 'POST', '/api/v1/users', {
        name: `Staf ${role}`,
        email,
        role,
        password: 'sandi-staf-123',
      });
      expect(created.status).toBe(201);
      const { id } = await created.json<{ id: string }>();
      expect(await userRow(id)).toMatchObject({ role, companyId: company.id });
      const [audit] = (await auditRows(company.id, 'user.create')).filter(
        (row) => row.entityId === id,
      );
      expect(audit?.actorUserId).toBe(manager.user.id);

      const renamed = await send(manager.session, 'PATCH', userPath(id), { version: 1, name: 'B' });
      expect(renamed.status).toBe(200);
      const off = await send(manager.session, 'POST', userPath(id, '/deactivate'));
      expect(off.status).toBe(200);
      expect(await userRow(id)).toMatchObject({ name: 'B', isActive: false, version: 3 });
    }
  });

  it('lets an owner promote a manager to owner', async () => {
    const target = await createUser(company.id, { role: 'manager' });
    const response = await send(owner.session, 'PATCH', userPath(target.id), {
      version: 1,
      role: 'owner',
    });
    expect(response.status).toBe(200);
    expect(await userRow(target.id)).toMatchObject({ role: 'owner', version: 2 });
  });
});
