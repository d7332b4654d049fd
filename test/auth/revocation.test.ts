import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { deviceSessions, users } from '../../src/db/schema';
import type { MessageKey } from '../../src/lib/messages';
import { auditRows, authedRequest, type SignedIn, signIn } from '../support/auth';
import { withDatabase } from '../support/factories';
import {
  companyWithOwner,
  deviceSession,
  expectCompanySuspended,
  expectUnauthenticated,
  getMe,
  postAuthed,
  refresh,
  setCompanyStatus,
  staff,
} from './helpers';

/**
 * A revocation takes effect on the very next request with the same, unexpired access token,
 * not when that token runs out 15 minutes later. Each test first proves the token works.
 */
async function signedInCashier() {
  const { company, owner } = await companyWithOwner();
  const cashier = await staff(company.id, 'cashier');
  const ownerSession = await signIn(owner);
  const session = await signIn(cashier);
  expect((await getMe(session)).status).toBe(200);
  return { company, owner, ownerSession, cashier, session };
}

async function expectDead(session: SignedIn, detail: MessageKey) {
  await expectUnauthenticated(await getMe(session), detail);
  await expectUnauthenticated(await refresh(session));
}

describe('revocation takes effect on the next request', () => {
  it('POST /auth/logout: the same access token is refused and the session is marked', async () => {
    const { company, session } = await signedInCashier();
    const response = await postAuthed(session, '/api/v1/auth/logout');
    expect(response.status).toBe(204);

    await expectDead(session, 'auth.sessionEnded');
    expect(await deviceSession(session.sessionId)).toMatchObject({ revokedReason: 'logout' });
    const audits = await auditRows(company.id, 'auth.logout');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: 'device_session', entityId: session.sessionId });
  });

  it('logging out one device leaves the same user signed in on another', async () => {
    const { cashier, session } = await signedInCashier();
    const otherDevice = await signIn(cashier);
    expect((await postAuthed(session, '/api/v1/auth/logout')).status).toBe(204);
    expect((await getMe(otherDevice)).status).toBe(200);
  });

  it('deactivating the user ends every session of that user', async () => {
    const { company, ownerSession, cashier, session } = await signedInCashier();
    const secondDevice = await signIn(cashier);
    const response = await postAuthed(ownerSession, `/api/v1/users/${cashier.id}/deactivate`);
    expect(response.status).toBe(200);

    await expectDead(session, 'auth.sessionEnded');
    await expectDead(secondDevice, 'auth.sessionEnded');
    expect(await deviceSession(session.sessionId)).toMatchObject({
      revokedReason: 'user_deactivated',
    });
    expect((await getMe(ownerSession)).status).toBe(200);
    const audits = await auditRows(company.id, 'user.deactivate');
    expect(audits[0]).toMatchObject({ entityId: cashier.id, after: { revokedSessions: 2 } });
  });

  it('suspending the company ends access for everyone in it, but not for other companies', async () => {
    const { company, ownerSession, session } = await signedInCashier();
    const elsewhere = await signedInCashier();
    await setCompanyStatus(company.id, 'suspended');

    await expectCompanySuspended(await getMe(session));
    await expectCompanySuspended(await getMe(ownerSession));
    await expectCompanySuspended(await refresh(session));
    expect((await getMe(elsewhere.session)).status).toBe(200);
  });

  it('lifting the suspension lets the untouched sessions work again', async () => {
    const { company, session } = await signedInCashier();
    await setCompanyStatus(company.id, 'suspended');
    await expectCompanySuspended(await getMe(session));
    await setCompanyStatus(company.id, 'active');
    expect((await getMe(session)).status).toBe(200);
  });

  it('DELETE /auth/sessions/:id by an owner ends that session for its holder', async () => {
    const { company, ownerSession, session } = await signedInCashier();
    const response = await authedRequest(
      ownerSession,
      `/api/v1/auth/sessions/${session.sessionId}`,
      {
        method: 'DELETE',
      },
    );
    expect(response.status).toBe(204);

    await expectDead(session, 'auth.sessionEnded');
    expect(await deviceSession(session.sessionId)).toMatchObject({ revokedReason: 'revoked' });
    expect((await getMe(ownerSession)).status).toBe(200);
    const audits = await auditRows(company.id, 'auth.session_revoke');
    expect(audits).toHaveLength(1);
    expect(audits[0]?.entityId).toBe(session.sessionId);
  });

  it('a device session past its expiry is refused, token and refresh alike', async () => {
    const { session } = await signedInCashier();
    await withDatabase(({ db }) =>
      db
        .update(deviceSessions)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(deviceSessions.id, session.sessionId)),
    );
    await expectDead(session, 'auth.sessionEnded');
  });

  it('soft-deleting the user is refused on the next request', async () => {
    const { cashier, session } = await signedInCashier();
    await withDatabase(({ db }) =>
      db.update(users).set({ deletedAt: new Date() }).where(eq(users.id, cashier.id)),
    );
    await expectUnauthenticated(await getMe(session), 'auth.accountDisabled');
    await expectUnauthenticated(await refresh(session), 'auth.accountDisabled');
  });

  it('a logged-out token cannot log out again or call logout-all', async () => {
    const { company, session } = await signedInCashier();
    expect((await postAuthed(session, '/api/v1/auth/logout')).status).toBe(204);
    await expectUnauthenticated(await postAuthed(session, '/api/v1/auth/logout'));
    await expectUnauthenticated(await postAuthed(session, '/api/v1/auth/logout-all'));
    expect(await auditRows(company.id, 'auth.logout')).toHaveLength(1);
    expect(await auditRows(company.id, 'auth.logout_all')).toEqual([]);
  });
});
