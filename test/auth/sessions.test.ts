import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { User } from '../../src/db/schema';
import type { deviceSessionSchema } from '../../src/routes/v1/auth/schemas';
import { auditRows, authedRequest, type SignedIn, signIn } from '../support/auth';
import {
  companyWithOwner,
  deviceSession,
  expectProblem,
  expectUnauthenticated,
  getMe,
  messageOf,
  postAuthed,
  refresh,
  staff,
} from './helpers';

type SessionView = z.infer<typeof deviceSessionSchema>;

/** A company with one signed-in owner, manager and two cashiers. */
async function team() {
  const { company, owner } = await companyWithOwner();
  const users: Record<'manager' | 'cashier' | 'otherCashier', User> = {
    manager: await staff(company.id, 'manager'),
    cashier: await staff(company.id, 'cashier'),
    otherCashier: await staff(company.id, 'cashier'),
  };
  return {
    company,
    owner,
    ...users,
    ownerSession: await signIn(owner),
    managerSession: await signIn(users.manager),
    cashierSession: await signIn(users.cashier),
    otherCashierSession: await signIn(users.otherCashier),
  };
}

async function listSessions(session: SignedIn, query = ''): Promise<SessionView[]> {
  const response = await authedRequest(session, `/api/v1/auth/sessions${query}`);
  expect(response.status).toBe(200);
  return (await response.json<{ data: SessionView[] }>()).data;
}

function revoke(caller: SignedIn, sessionId: string) {
  return authedRequest(caller, `/api/v1/auth/sessions/${sessionId}`, { method: 'DELETE' });
}

describe('GET /api/v1/auth/sessions', () => {
  it("lists only the caller's live sessions and marks the current one", async () => {
    const { cashier, cashierSession } = await team();
    const phone = await signIn(cashier);
    const sessions = await listSessions(cashierSession);
    expect(sessions.map((s) => s.id).sort()).toEqual(
      [cashierSession.sessionId, phone.sessionId].sort(),
    );
    expect(sessions.every((s) => s.userId === cashier.id)).toBe(true);
    expect(sessions.find((s) => s.current)?.id).toBe(cashierSession.sessionId);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(JSON.stringify(sessions)).not.toMatch(/fingerprint|tokenHash/i);
  });

  it('omits revoked sessions unless includeRevoked=true', async () => {
    const { cashier, cashierSession } = await team();
    const old = await signIn(cashier);
    expect((await postAuthed(old, '/api/v1/auth/logout')).status).toBe(204);
    expect((await listSessions(cashierSession)).map((s) => s.id)).toEqual([
      cashierSession.sessionId,
    ]);
    const all = await listSessions(cashierSession, '?includeRevoked=true');
    expect(all.find((s) => s.id === old.sessionId)?.revokedAt).not.toBeNull();
  });

  it('refuses ?scope=company without users.manage (403 FORBIDDEN)', async () => {
    const { cashierSession, owner } = await team();
    const response = await authedRequest(cashierSession, '/api/v1/auth/sessions?scope=company');
    await expectProblem(response, 403, 'FORBIDDEN');
    const other = await authedRequest(
      cashierSession,
      `/api/v1/auth/sessions?scope=company&userId=${owner.id}`,
    );
    await expectProblem(other, 403, 'FORBIDDEN');
  });

  it("shows a manager the whole company's sessions and nobody else's", async () => {
    const t = await team();
    const outsider = await companyWithOwner();
    const outsiderSession = await signIn(outsider.owner);
    const sessions = await listSessions(t.managerSession, '?scope=company');
    const ids = sessions.map((s) => s.id);
    for (const s of [t.ownerSession, t.managerSession, t.cashierSession, t.otherCashierSession]) {
      expect(ids).toContain(s.sessionId);
    }
    expect(ids).not.toContain(outsiderSession.sessionId);
    expect(sessions.filter((s) => s.current).map((s) => s.id)).toEqual([
      t.managerSession.sessionId,
    ]);
  });
});

describe('DELETE /api/v1/auth/sessions/:id', () => {
  it("lets anyone end one of their own other sessions; the caller's stays", async () => {
    const { company, cashier, cashierSession } = await team();
    const phone = await signIn(cashier);
    expect((await revoke(cashierSession, phone.sessionId)).status).toBe(204);
    await expectUnauthenticated(await getMe(phone), 'auth.sessionEnded');
    expect((await getMe(cashierSession)).status).toBe(200);
    const audits = await auditRows(company.id, 'auth.session_revoke');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: cashier.id,
      entityId: phone.sessionId,
      after: { userId: cashier.id, revokedReason: 'revoked' },
    });
  });

  it("lets a manager end a cashier's session", async () => {
    const { company, manager, managerSession, cashierSession } = await team();
    expect((await revoke(managerSession, cashierSession.sessionId)).status).toBe(204);
    await expectUnauthenticated(await getMe(cashierSession), 'auth.sessionEnded');
    const [audit] = await auditRows(company.id, 'auth.session_revoke');
    expect(audit).toMatchObject({ actorUserId: manager.id, entityId: cashierSession.sessionId });
  });

  it("refuses a manager ending the owner's session (403), and the owner stays signed in", async () => {
    const { company, managerSession, ownerSession } = await team();
    await expectProblem(await revoke(managerSession, ownerSession.sessionId), 403, 'FORBIDDEN');
    expect((await getMe(ownerSession)).status).toBe(200);
    expect((await deviceSession(ownerSession.sessionId))?.revokedAt).toBeNull();
    expect(await auditRows(company.id, 'auth.session_revoke')).toEqual([]);
  });

  it("refuses a cashier ending another cashier's session (403)", async () => {
    const { company, cashierSession, otherCashierSession } = await team();
    await expectProblem(
      await revoke(cashierSession, otherCashierSession.sessionId),
      403,
      'FORBIDDEN',
    );
    expect((await getMe(otherCashierSession)).status).toBe(200);
    expect(await auditRows(company.id, 'auth.session_revoke')).toEqual([]);
  });

  it("answers 404 for another company's session and changes nothing", async () => {
    const { company, ownerSession } = await team();
    const other = await companyWithOwner();
    const victim = await signIn(other.owner);
    const problem = await expectProblem(
      await revoke(ownerSession, victim.sessionId),
      404,
      'NOT_FOUND',
    );
    expect(problem.detail).toBe(messageOf('sessions.notFound'));
    expect((await getMe(victim)).status).toBe(200);
    expect((await deviceSession(victim.sessionId))?.revokedAt).toBeNull();
    expect(await auditRows(company.id, 'auth.session_revoke')).toEqual([]);
    expect(await auditRows(other.company.id, 'auth.session_revoke')).toEqual([]);
  });

  it('answers 400 for a session id that is not a UUID', async () => {
    const { ownerSession } = await team();
    await expectProblem(await revoke(ownerSession, 'not-a-uuid'), 400, 'VALIDATION_FAILED');
  });
});

describe('POST /api/v1/auth/logout-all', () => {
  it("ends every session of the caller, and only the caller's", async () => {
    const { company, cashier, cashierSession, otherCashierSession } = await team();
    const devices = [cashierSession, await signIn(cashier), await signIn(cashier)];
    const response = await postAuthed(cashierSession, '/api/v1/auth/logout-all');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ revokedSessions: 3 });

    for (const device of devices) {
      await expectUnauthenticated(await getMe(device), 'auth.sessionEnded');
      await expectUnauthenticated(await refresh(device));
      expect((await deviceSession(device.sessionId))?.revokedReason).toBe('logout_all');
    }
    expect((await getMe(otherCashierSession)).status).toBe(200);
    const audits = await auditRows(company.id, 'auth.logout_all');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: cashier.id,
      entityType: 'user',
      entityId: cashier.id,
      after: { revokedSessions: 3 },
    });
  });

  it('does not count sessions that were already revoked', async () => {
    const { cashier, cashierSession } = await team();
    const old = await signIn(cashier);
    expect((await postAuthed(old, '/api/v1/auth/logout')).status).toBe(204);
    const response = await postAuthed(cashierSession, '/api/v1/auth/logout-all');
    expect(await response.json()).toEqual({ revokedSessions: 1 });
  });
});
