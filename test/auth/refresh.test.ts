import { env } from 'cloudflare:workers';
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { refreshTokens } from '../../src/db/schema';
import { refreshGraceSeconds } from '../../src/services/sign-in';
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

/** Moves the first use of every spent token of the session this far into the past. */
function ageRotations(sessionId: string, seconds: number) {
  return withDatabase(({ db }) =>
    db
      .update(refreshTokens)
      .set({ rotatedAt: sql`${refreshTokens.rotatedAt} - make_interval(secs => ${seconds})` })
      .where(and(eq(refreshTokens.deviceSessionId, sessionId), isNotNull(refreshTokens.rotatedAt))),
  );
}

/** The configured grace (wrangler.toml), plus a margin. */
const afterGrace = refreshGraceSeconds(env) + 5;

async function expectRevokedForReuse(companyId: string, session: SignedIn, survivors: SignedIn[]) {
  const row = await deviceSession(session.sessionId);
  expect(row?.revokedAt).toBeInstanceOf(Date);
  expect(row?.revokedReason).toBe('refresh_token_reuse');
  for (const copy of survivors) {
    await expectUnauthenticated(await getMe(copy), 'auth.sessionEnded');
    await expectUnauthenticated(await refresh(copy));
  }
  const tokens = await refreshTokensOf(session.sessionId);
  expect(tokens.every((token) => token.revokedAt !== null)).toBe(true);
  const audits = await auditRows(companyId, 'auth.refresh_reuse');
  expect(audits).toHaveLength(1);
  expect(audits[0]).toMatchObject({
    entityType: 'device_session',
    entityId: session.sessionId,
    after: { revokedReason: 'refresh_token_reuse' },
  });
}

describe('POST /api/v1/auth/refresh: a retry from the same device within the grace period', () => {
  it('answers a till whose answer was lost with a new pair, and keeps the session', async () => {
    const { company, session } = await signedInOwner();
    const lost = await rotate(session);
    const retried = await rotate(session);
    expect(retried.refreshToken).not.toBe(lost.refreshToken);
    expect(retried.sessionId).toBe(session.sessionId);
    expect((await getMe(retried)).status).toBe(200);

    const next = await rotate(retried);
    expect((await getMe(next)).status).toBe(200);
    expect((await deviceSession(session.sessionId))?.revokedAt).toBeNull();
    expect(await auditRows(company.id, 'auth.refresh_reuse')).toEqual([]);
    // Using one of the retry's answers retires the other: one chain of tokens stays alive.
    await expectUnauthenticated(await refresh(lost), 'auth.refreshInvalid');
    expect((await getMe(next)).status).toBe(200);
  });

  it('answers five refreshes sent at once with one token, and any answer carries on', async () => {
    const { company, session } = await signedInOwner();
    const responses = await Promise.all(Array.from({ length: 5 }, () => refresh(session)));
    expect(responses.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    const answers = await Promise.all(
      responses.map(async (response) => ({
        ...(await response.json<SignedIn>()),
        fingerprint: session.fingerprint,
      })),
    );
    expect(new Set(answers.map((answer) => answer.refreshToken)).size).toBe(5);
    for (const answer of answers) expect((await getMe(answer)).status).toBe(200);
    // The client kept the last answer it read.
    const kept = answers[answers.length - 1] as SignedIn;
    expect((await getMe(await rotate(kept))).status).toBe(200);
    expect((await deviceSession(session.sessionId))?.revokedAt).toBeNull();
    expect(await auditRows(company.id, 'auth.refresh_reuse')).toEqual([]);
  });
});

describe('POST /api/v1/auth/refresh: reuse of a used token', () => {
  it('revokes the whole device session when a copy is used after the grace period', async () => {
    const { company, session } = await signedInOwner();
    const next = await rotate(session);
    await ageRotations(session.sessionId, afterGrace);

    await expectUnauthenticated(await refresh(session), 'auth.refreshReused');
    await expectRevokedForReuse(company.id, session, [next]);
  });

  it('revokes it when a copy is used from another device, even at once', async () => {
    const { company, session } = await signedInOwner();
    const next = await rotate(session);
    const copied = { ...session, fingerprint: `attacker-${crypto.randomUUID()}` };

    await expectUnauthenticated(await refresh(copied), 'auth.refreshReused');
    await expectRevokedForReuse(company.id, session, [next]);
  });

  it('revokes it when a copy is used after its successor, even within the grace period', async () => {
    const { company, session } = await signedInOwner();
    const next = await rotate(session);
    const afterNext = await rotate(next);

    await expectUnauthenticated(await refresh(session), 'auth.refreshReused');
    await expectRevokedForReuse(company.id, session, [afterNext]);
  });

  it('keeps other device sessions of the same user alive', async () => {
    const { owner, session } = await signedInOwner();
    const otherDevice = await signIn(owner);
    await rotate(session);
    await ageRotations(session.sessionId, afterGrace);
    await expectUnauthenticated(await refresh(session), 'auth.refreshReused');
    expect((await getMe(otherDevice)).status).toBe(200);
    expect((await refresh(otherDevice)).status).toBe(200);
  });

  it('audits the reuse once: replaying again on a revoked session adds no row', async () => {
    const { company, session } = await signedInOwner();
    await rotate(session);
    await ageRotations(session.sessionId, afterGrace);
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
