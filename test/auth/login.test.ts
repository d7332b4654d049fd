import { eq } from 'drizzle-orm';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { hashPassword, passwordIterations, verifyPassword } from '../../src/auth/passwords';
import { users } from '../../src/db/schema';
import type { tokenPairSchema } from '../../src/routes/v1/auth/schemas';
import { auditRows, createUser, loginBody, postJson, testPassword } from '../support/auth';
import { createCompany, withDatabase } from '../support/factories';
import {
  companyWithOwner,
  deviceSession,
  expectCompanySuspended,
  expectProblem,
  getMe,
  messageOf,
  refreshTokensOf,
  sessionsOfUser,
  setCompanyStatus,
  staff,
  uniqueAddress,
  uniquePhone,
} from './helpers';

type TokenPairBody = z.infer<typeof tokenPairSchema>;

function login(body: unknown, headers: Record<string, string> = {}) {
  return postJson('/api/v1/auth/login', body, headers);
}

function userRow(userId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(users).where(eq(users.id, userId));
    return row;
  });
}

/** The problem body without the one field that must differ between two requests. */
async function problemWithoutRequestId(response: Response) {
  const { requestId, ...rest } = await expectProblem(response, 401, 'INVALID_CREDENTIALS');
  expect(requestId).toBeTruthy();
  return rest;
}

describe('POST /api/v1/auth/login: success', () => {
  it('answers 201 with a token pair, a device session and an auth.login audit row', async () => {
    const { company, owner } = await companyWithOwner();
    const address = uniqueAddress();
    const fingerprint = `till-${crypto.randomUUID()}`;
    const before = Date.now();
    const response = await login(loginBody(owner, testPassword, fingerprint), {
      'CF-Connecting-IP': address,
      'User-Agent': 'KasirPWA/1.0',
    });
    expect(response.status).toBe(201);
    const body = await response.json<TokenPairBody>();
    expect(body).toMatchObject({
      tokenType: 'Bearer',
      user: { id: owner.id, companyId: company.id, name: 'Pemilik', role: 'owner' },
    });
    expect(JSON.stringify(body)).not.toContain('passwordHash');
    const accessExpiry = Date.parse(body.accessTokenExpiresAt) - before;
    expect(accessExpiry).toBeGreaterThan(14 * 60_000);
    expect(accessExpiry).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(Date.parse(body.refreshTokenExpiresAt)).toBeGreaterThan(
      Date.parse(body.accessTokenExpiresAt),
    );
    expect(decodeJwt(body.accessToken)).toMatchObject({
      sub: owner.id,
      cid: company.id,
      sid: body.sessionId,
      role: 'owner',
      typ: 'access',
      iss: 'kasir-edge/test',
      aud: 'kasir-edge-api',
    });

    const session = await deviceSession(body.sessionId);
    expect(session).toMatchObject({
      companyId: company.id,
      userId: owner.id,
      deviceName: 'Kasir Depan',
      platform: 'android',
      ipAddress: address,
      userAgent: 'KasirPWA/1.0',
      revokedAt: null,
    });
    expect(session?.fingerprintHash).not.toContain(fingerprint);
    const tokens = await refreshTokensOf(body.sessionId);
    expect(tokens).toHaveLength(1);
    expect(tokens[0]?.tokenHash).not.toBe(body.refreshToken);
    expect((await userRow(owner.id))?.lastLoginAt?.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const audits = await auditRows(company.id, 'auth.login');
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({
      actorUserId: owner.id,
      deviceSessionId: body.sessionId,
      entityType: 'device_session',
      entityId: body.sessionId,
      ipAddress: address,
      requestId: response.headers.get('X-Request-Id'),
      after: { deviceName: 'Kasir Depan', platform: 'android' },
    });
    expect((await getMe(body)).status).toBe(200);
  });

  it('upgrades a password hash made with old parameters on sign-in', async () => {
    const company = await createCompany();
    const oldHash = await hashPassword(testPassword, 1000);
    const cashier = await staff(company.id, 'cashier', { passwordHash: oldHash });
    expect((await login(loginBody(cashier))).status).toBe(201);
    const upgraded = (await userRow(cashier.id))?.passwordHash ?? '';
    expect(upgraded.split('$')[1]).toBe(String(passwordIterations));
    expect(await verifyPassword(testPassword, upgraded)).toBe(true);
    expect((await login(loginBody(cashier))).status).toBe(201);
  });

  it('accepts the e-mail in any letter case', async () => {
    const { owner } = await companyWithOwner();
    const response = await login(loginBody({ email: owner.email?.toUpperCase() }));
    expect(response.status).toBe(201);
    expect((await response.json<TokenPairBody>()).user.id).toBe(owner.id);
  });

  it.each([
    ['0812…', (e164: string) => `0${e164.slice(3)}`],
    ['+62812…', (e164: string) => e164],
    ['62812… with spaces and dashes', (e164: string) => `62 ${e164.slice(3, 6)}-${e164.slice(6)}`],
  ])('signs in by phone typed as %s', async (_form, typed) => {
    const company = await createCompany();
    const phone = uniquePhone();
    const cashier = await staff(company.id, 'cashier', { email: null, phone });
    const response = await login(loginBody({ phone: typed(phone) }));
    expect(response.status).toBe(201);
    const body = await response.json<TokenPairBody>();
    expect(body.user.id).toBe(cashier.id);
    expect(await auditRows(company.id, 'auth.login')).toHaveLength(1);
  });
});

describe('POST /api/v1/auth/login: refusals', () => {
  it('answers a wrong password and an unknown e-mail with the same 401 body', async () => {
    const { company, owner } = await companyWithOwner();
    const wrongPassword = await problemWithoutRequestId(
      await login(loginBody(owner, 'salah-sekali-123')),
    );
    const unknownEmail = await problemWithoutRequestId(
      await login(loginBody({ email: `nobody-${crypto.randomUUID()}@kasir.test` })),
    );
    expect(wrongPassword).toEqual(unknownEmail);
    expect(wrongPassword).toMatchObject({
      title: 'Gagal masuk',
      detail: messageOf('auth.invalidCredentials'),
    });
    expect(await sessionsOfUser(owner.id)).toEqual([]);
    expect(await auditRows(company.id)).toEqual([]);
  });

  it('words the refusal in English when asked', async () => {
    const { owner } = await companyWithOwner();
    const response = await login(loginBody(owner, 'salah-sekali-123'), { 'Accept-Language': 'en' });
    const problem = await expectProblem(response, 401, 'INVALID_CREDENTIALS');
    expect(problem.title).toBe('Sign-in failed');
    expect(problem.detail).toBe(messageOf('auth.invalidCredentials', undefined, 'en'));
  });

  it('refuses a deactivated user with the right password, saying the account is disabled', async () => {
    const company = await createCompany();
    const cashier = await staff(company.id, 'cashier', { isActive: false });
    const problem = await expectProblem(
      await login(loginBody(cashier)),
      401,
      'INVALID_CREDENTIALS',
    );
    expect(problem.detail).toBe(messageOf('auth.accountDisabled'));
    expect(await sessionsOfUser(cashier.id)).toEqual([]);
    expect(await auditRows(company.id, 'auth.login')).toEqual([]);
  });

  it('does not reveal a deactivated account to a wrong password', async () => {
    const company = await createCompany();
    const cashier = await staff(company.id, 'cashier', { isActive: false });
    const problem = await expectProblem(
      await login(loginBody(cashier, 'salah-sekali-123')),
      401,
      'INVALID_CREDENTIALS',
    );
    expect(problem.detail).toBe(messageOf('auth.invalidCredentials'));
  });

  it('refuses every user of a suspended company, saying the company is suspended', async () => {
    const { company, owner } = await companyWithOwner();
    await setCompanyStatus(company.id, 'suspended');
    await expectCompanySuspended(await login(loginBody(owner)));
    expect(await sessionsOfUser(owner.id)).toEqual([]);
    expect(await auditRows(company.id, 'auth.login')).toEqual([]);
  });

  it('refuses a soft-deleted user as if unknown', async () => {
    const company = await createCompany();
    const cashier = await createUser(company.id, { deletedAt: new Date() });
    const problem = await expectProblem(
      await login(loginBody(cashier)),
      401,
      'INVALID_CREDENTIALS',
    );
    expect(problem.detail).toBe(messageOf('auth.invalidCredentials'));
    expect(await sessionsOfUser(cashier.id)).toEqual([]);
  });
});
