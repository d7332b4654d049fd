import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/auth/passwords';
import type { Company } from '../../src/db/schema';
import { auditRows, createUser, loginBody, postJson, signIn } from '../support/auth';
import { createStore } from '../support/factories';
import { readProblem } from '../support/worker';
import {
  assignedStoreIds,
  type Member,
  member,
  refreshTokensOfSession,
  send,
  sessionsOfUser,
  tenant,
  userPath,
  userRow,
} from './helpers';

let company: Company;
let owner: Member;

beforeAll(async () => {
  ({ company, owner } = await tenant());
});

async function auditsOf(action: string, userId: string) {
  return (await auditRows(company.id, action)).filter((row) => row.entityId === userId);
}

/** Whether a session still gets past authentication. */
async function meStatus(session: Member['session']): Promise<number> {
  return (await send(session, 'GET', '/api/v1/me')).status;
}

describe('POST /api/v1/users/:id/deactivate and /reactivate', () => {
  it('deactivates softly and ends every session of the user at once', async () => {
    const cashier = await member(company.id, 'cashier');
    const secondDevice = await signIn(cashier.user);
    expect(await meStatus(cashier.session)).toBe(200);

    const response = await send(owner.session, 'POST', userPath(cashier.user.id, '/deactivate'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: cashier.user.id, isActive: false });

    expect(await userRow(cashier.user.id)).toMatchObject({ isActive: false, deletedAt: null });
    const sessions = await sessionsOfUser(cashier.user.id);
    expect(sessions).toHaveLength(2);
    for (const session of sessions) {
      expect(session.revokedAt).not.toBeNull();
      expect(session.revokedReason).toBe('user_deactivated');
      const tokens = await refreshTokensOfSession(session.id);
      expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
    }
    expect(await meStatus(cashier.session)).toBe(401);
    expect(await meStatus(secondDevice)).toBe(401);
    const refused = await postJson('/api/v1/auth/login', loginBody(cashier.user));
    expect(refused.status).toBe(401);

    const [audit, ...more] = await auditsOf('user.deactivate', cashier.user.id);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({
      actorUserId: owner.user.id,
      before: { isActive: true },
      after: { isActive: false, revokedSessions: 2 },
    });
  });

  it('reactivates a user, who can then sign in again', async () => {
    const cashier = await createUser(company.id, { isActive: false });
    const response = await send(owner.session, 'POST', userPath(cashier.id, '/reactivate'));
    expect(response.status).toBe(200);
    expect(await userRow(cashier.id)).toMatchObject({ isActive: true, version: 2 });
    expect(await auditsOf('user.reactivate', cashier.id)).toHaveLength(1);
    await expect(signIn(cashier)).resolves.toHaveProperty('accessToken');
  });

  it('refuses to deactivate yourself with 422 and changes nothing', async () => {
    const manager = await member(company.id, 'manager');
    const response = await send(manager.session, 'POST', userPath(manager.user.id, '/deactivate'));
    expect(response.status).toBe(422);
    expect((await readProblem(response)).code).toBe('UNPROCESSABLE');
    expect(await userRow(manager.user.id)).toMatchObject({ isActive: true, version: 1 });
    expect(await meStatus(manager.session)).toBe(200);
    expect(await auditsOf('user.deactivate', manager.user.id)).toEqual([]);
  });
});

describe('the last active owner', () => {
  it('cannot be demoted while the only other owner is deactivated (422)', async () => {
    const { company: shop, owner: only } = await tenant();
    await createUser(shop.id, { role: 'owner', isActive: false });
    const response = await send(only.session, 'PATCH', userPath(only.user.id), {
      version: 1,
      role: 'manager',
    });
    expect(response.status).toBe(422);
    expect((await readProblem(response)).code).toBe('UNPROCESSABLE');
    expect(await userRow(only.user.id)).toMatchObject({ role: 'owner', version: 1 });
    expect(await auditRows(shop.id, 'user.update')).toEqual([]);
  });

  it('can be demoted once another owner is active', async () => {
    const { company: shop, owner: first } = await tenant();
    const second = await createUser(shop.id, { role: 'owner' });
    const response = await send(first.session, 'PATCH', userPath(second.id), {
      version: 1,
      role: 'manager',
    });
    expect(response.status).toBe(200);
    expect(await userRow(second.id)).toMatchObject({ role: 'manager' });
  });
});

describe('POST /api/v1/users/:id/reset-password', () => {
  it('sets the new password, ends the sessions of that user, and audits without the password', async () => {
    const cashier = await member(company.id, 'cashier');
    const response = await send(
      owner.session,
      'POST',
      userPath(cashier.user.id, '/reset-password'),
      {
        password: 'sandi-pengganti-7',
      },
    );
    expect(response.status).toBe(204);

    const row = await userRow(cashier.user.id);
    expect(await verifyPassword('sandi-pengganti-7', row?.passwordHash ?? '')).toBe(true);
    const [session] = await sessionsOfUser(cashier.user.id);
    expect(session).toMatchObject({ revokedReason: 'password_reset' });
    expect(await meStatus(cashier.session)).toBe(401);

    const old = await postJson('/api/v1/auth/login', loginBody(cashier.user));
    expect(old.status).toBe(401);
    await expect(signIn(cashier.user, { password: 'sandi-pengganti-7' })).resolves.toHaveProperty(
      'accessToken',
    );

    const [audit, ...more] = await auditsOf('user.password_reset', cashier.user.id);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actorUserId: owner.user.id, after: { revokedSessions: 1 } });
    expect(JSON.stringify(audit)).not.toContain('sandi-pengganti-7');
  });
});

describe('PUT /api/v1/users/:id/stores', () => {
  it('replaces the assignments and audits before and after', async () => {
    const [first, second, third] = await Promise.all([1, 2, 3].map(() => createStore(company.id)));
    if (!first || !second || !third) throw new Error('stores not created');
    const cashier = await createUser(company.id, { storeIds: [first.id] });
    const wanted = [second.id, third.id].sort();

    const response = await send(owner.session, 'PUT', userPath(cashier.id, '/stores'), {
      storeIds: wanted,
    });
    expect(response.status).toBe(200);
    expect((await response.json<{ storeIds: string[] }>()).storeIds.sort()).toEqual(wanted);
    expect(await assignedStoreIds(cashier.id)).toEqual(wanted);
    const [audit] = await auditsOf('user.assign_stores', cashier.id);
    expect(audit).toMatchObject({ before: { storeIds: [first.id] }, after: { storeIds: wanted } });
  });

  it('counts a repeated store id once', async () => {
    const store = await createStore(company.id);
    const other = await createStore(company.id);
    const cashier = await createUser(company.id, { storeIds: [other.id] });
    const response = await send(owner.session, 'PUT', userPath(cashier.id, '/stores'), {
      storeIds: [store.id, store.id],
    });
    expect(response.status, await response.clone().text()).toBe(200);
    expect(await assignedStoreIds(cashier.id)).toEqual([store.id]);
  });
});
