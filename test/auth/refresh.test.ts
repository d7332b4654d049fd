import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { refreshTokens } from '../../src/db/schema';
import { auditRows, type SignedIn, signIn } from '../support/auth';
import { withDatabase } from '../support/factories';
import {
  companyWithOwner,
  deviceSession,
  expectUnauthenticated,
  getMe,
  refresh,
  refreshTokensOf,
  uniqueAddress,
} from './helpers';

interface Rotated extends SignedIn {
  tokenType: string;
  user: { id: string };
}

/** Refreshes and returns the next session state (same fingerprint, new tokens). */
async function rotate(session: SignedIn): Promise<Rotated> {
  const response = await refresh(session);
  expect(response.status).toBe(200);
  const body = await response.json<Omit<Rotated, 'fingerprint'>>();
  return { ...body, fingerprint: session.fingerprint };
}

async function signedInOwner() {
  const { company, owner } = await companyWithOwner();
  return { company, owner, session: await signIn(owner) };
}

describe('POST /api/v1/auth/refresh: rotation', () => {
  it('answers 200 with a new pair for the same session, and the new access token works', async () => {
    const { owner, session } = await signedInOwner();
    const next = await rotate(session);
    expect(next.sessionId).toBe(session.sessionId);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(next.user.id).toBe(owner.id);
    expect((await getMe(next)).status).toBe(200);
  });

  it('marks the used token rotated and chains the new one to it', async () => {
    const { session } = await signedInOwner();
    const address = uniqueAddress();
    const response = await refresh(session, { 'CF-Connecting-IP': address });
    expect(response.status).toBe(200);
    const [first, second] = await refreshTokensOf(session.sessionId);
    expect(first?.rotatedAt).toBeInstanceOf(Date);
    expect(second).toMatchObject({ replacesId: first?.id, rotatedAt: null, revokedAt: null });
    expect((await deviceSession(session.sessionId))?.ipAddress).toBe(address);
  });

  it('rotates on every use: a chain of three refreshes each gives a usable token', async () => {
    const { session } = await signedInOwner();
    let current: SignedIn = session;
    for (let step = 0; step < 3; step += 1) current = await rotate(current);
    expect(await refreshTokensOf(session.sessionId)).toHaveLength(4);
    expect((await getMe(current)).status).toBe(200);
  });
});

describe('POST /api/v1/auth/refresh: reuse of a used token', () => {
  it('answers 401 refreshReused and revokes the whole device session', async () => {
    const { company, session } = await signedInOwner();
    const next = await rotate(session);

    await expectUnauthenticated(await refresh(session), 'auth.refreshReused');

    const row = await deviceSession(session.sessionId);
    expect(row?.revokedAt).toBeInstanceOf(Date);
    expect(row?.revokedReason).toBe('refresh_token_reuse');
    await expectUnauthenticated(await getMe(next), 'auth.sessionEnded');
    await expectUnauthenticated(await refresh(next));
    const tokens = await refreshTokensOf(session.sessionId);
    expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);

    const audits = await auditRows(company.id, 'auth.refresh_reuse');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      entityType: 'device_session',
      entityId: session.sessionId,
      after: { revokedReason: 'refresh_token_reuse' },
    });
  });

  it('keeps other device sessions of the same user alive', async () => {
    const { owner, session } = await signedInOwner();
    const otherDevice = await signIn(owner);
    await rotate(session);
    await expectUnauthenticated(await refresh(session), 'auth.refreshReused');
    expect((await getMe(otherDevice)).status).toBe(200);
    expect((await refresh(otherDevice)).status).toBe(200);
  });

  it('treats two simultaneous refreshes with one token as reuse: one wins, then the session ends', async () => {
    const { company, session } = await signedInOwner();
    const responses = await Promise.all([refresh(session), refresh(session)]);
    expect(responses.map((response) => response.status).sort()).toEqual([200, 401]);
    const winner = responses.find((response) => response.status === 200);
    const loser = responses.find((response) => response.status === 401);
    await expectUnauthenticated(loser as Response, 'auth.refreshReused');
    const next = {
      ...(await (winner as Response).json<SignedIn>()),
      fingerprint: session.fingerprint,
    };
    await expectUnauthenticated(await getMe(next), 'auth.sessionEnded');
    expect(await auditRows(company.id, 'auth.refresh_reuse')).toHaveLength(1);
  });

  it('audits the reuse once: replaying again on a revoked session adds no row', async () => {
    const { company, session } = await signedInOwner();
    await rotate(session);
    await expectUnauthenticated(await refresh(session), 'auth.refreshReused');
    await expectUnauthenticated(await refresh(session), 'auth.refreshReused');
    expect(await auditRows(company.id, 'auth.refresh_reuse')).toHaveLength(1);
  });
});

describe('POST /api/v1/auth/refresh: fingerprint and unknown tokens', () => {
  it('refuses another device fingerprint, audits it, and leaves the session usable', async () => {
    const { company, session } = await signedInOwner();
    const stolen = { ...session, fingerprint: `attacker-${crypto.randomUUID()}` };

    await expectUnauthenticated(await refresh(stolen), 'auth.fingerprintMismatch');

    const audits = await auditRows(company.id, 'auth.fingerprint_mismatch');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ entityType: 'device_session', entityId: session.sessionId });
    expect((await deviceSession(session.sessionId))?.revokedAt).toBeNull();
    expect((await refreshTokensOf(session.sessionId))[0]?.rotatedAt).toBeNull();
    expect((await getMe(session)).status).toBe(200);
    const next = await rotate(session);
    expect((await getMe(next)).status).toBe(200);
  });

  it('refuses an unknown refresh token with 401 refreshInvalid and audits nothing', async () => {
    const { company, session } = await signedInOwner();
    const unknown = { ...session, refreshToken: crypto.randomUUID() + crypto.randomUUID() };
    await expectUnauthenticated(await refresh(unknown), 'auth.refreshInvalid');
    expect(await auditRows(company.id, 'auth.refresh_reuse')).toEqual([]);
    expect(await auditRows(company.id, 'auth.fingerprint_mismatch')).toEqual([]);
    expect((await getMe(session)).status).toBe(200);
  });

  it('refuses an expired refresh token with 401 refreshInvalid', async () => {
    const { session } = await signedInOwner();
    await withDatabase(({ db }) =>
      db
        .update(refreshTokens)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(refreshTokens.deviceSessionId, session.sessionId)),
    );
    await expectUnauthenticated(await refresh(session), 'auth.refreshInvalid');
  });

  it('refuses an access token presented as a refresh token', async () => {
    const { session } = await signedInOwner();
    const confused = { ...session, refreshToken: session.accessToken.slice(0, 200) };
    await expectUnauthenticated(await refresh(confused), 'auth.refreshInvalid');
  });
});
