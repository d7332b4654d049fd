import { beforeAll, describe, expect, it } from 'vitest';
import type { Company, User } from '../../src/db/schema';
import { auditRows, postJson, type SignedIn, signIn, testPassword } from '../support/auth';
import { request } from '../support/worker';
import {
  companyWithOwner,
  expectProblem,
  refresh,
  refreshTokensOf,
  sessionsOfUser,
  throttleRow,
  uniquePhone,
} from './helpers';

/** Malformed sign-in and refresh bodies are refused before anything reaches the database. */
let company: Company;
let owner: User;

beforeAll(async () => {
  ({ company, owner } = await companyWithOwner());
});

const device = { fingerprint: 'device-fingerprint-1', name: 'Kasir Depan', platform: 'android' };

function postRaw(path: string, body: string) {
  return request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
}

async function expectNothingWritten() {
  expect(await sessionsOfUser(owner.id)).toEqual([]);
  expect(await auditRows(company.id)).toEqual([]);
  expect(await throttleRow(`account:${owner.email}`)).toBeUndefined();
}

describe('POST /api/v1/auth/login with a malformed body', () => {
  const loginCases: Array<[string, () => Record<string, unknown>, string]> = [
    ['no device', () => ({ email: owner.email, password: testPassword }), 'device'],
    [
      'both e-mail and phone',
      () => ({ email: owner.email, phone: uniquePhone(), password: testPassword, device }),
      'email',
    ],
    ['neither e-mail nor phone', () => ({ password: testPassword, device }), 'email'],
    [
      'an unknown top-level field',
      () => ({ email: owner.email, password: testPassword, device, companyId: company.id }),
      'companyId',
    ],
    [
      'an unknown device field',
      () => ({ email: owner.email, password: testPassword, device: { ...device, admin: true } }),
      'device.admin',
    ],
    [
      'a password over 128 characters',
      () => ({ email: owner.email, password: 'a'.repeat(129), device }),
      'password',
    ],
    [
      'a fingerprint under 8 characters',
      () => ({
        email: owner.email,
        password: testPassword,
        device: { ...device, fingerprint: 'x' },
      }),
      'device.fingerprint',
    ],
    [
      'a phone number that is not Indonesian',
      () => ({ phone: '+14155550123', password: testPassword, device }),
      'phone',
    ],
  ];

  it.each(loginCases)(
    'refuses %s with 400 VALIDATION_FAILED naming the field',
    async (_c, body, path) => {
      const problem = await expectProblem(
        await postJson('/api/v1/auth/login', body()),
        400,
        'VALIDATION_FAILED',
      );
      expect(problem.errors?.map((error) => error.path)).toContain(path);
      await expectNothingWritten();
    },
  );

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    await expectProblem(
      await postRaw('/api/v1/auth/login', `{"email":"${owner.email}","password":`),
      400,
      'MALFORMED_JSON',
    );
    await expectNothingWritten();
  });

  it('refuses a JSON array instead of an object', async () => {
    await expectProblem(await postRaw('/api/v1/auth/login', '[]'), 400, 'VALIDATION_FAILED');
    await expectNothingWritten();
  });
});

describe('POST /api/v1/auth/refresh with a malformed body', () => {
  let session: SignedIn;

  beforeAll(async () => {
    const other = await companyWithOwner();
    session = await signIn(other.owner);
  });

  it.each([
    ['no fingerprint', () => ({ refreshToken: session.refreshToken }), 'fingerprint'],
    [
      'an unknown field',
      () => ({
        refreshToken: session.refreshToken,
        fingerprint: session.fingerprint,
        sessionId: session.sessionId,
      }),
      'sessionId',
    ],
    [
      'a token that is too short',
      () => ({ refreshToken: 'short', fingerprint: session.fingerprint }),
      'refreshToken',
    ],
  ])('refuses %s with 400 and leaves the token unused', async (_c, body, path) => {
    const problem = await expectProblem(
      await postJson('/api/v1/auth/refresh', body()),
      400,
      'VALIDATION_FAILED',
    );
    expect(problem.errors?.map((error) => error.path)).toContain(path);
    const tokens = await refreshTokensOf(session.sessionId);
    expect(tokens.map((token) => token.rotatedAt)).toEqual([null]);
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON, and the token still refreshes', async () => {
    await expectProblem(
      await postRaw('/api/v1/auth/refresh', '{"refreshToken":'),
      400,
      'MALFORMED_JSON',
    );
    expect((await refresh(session)).status).toBe(200);
  });
});
