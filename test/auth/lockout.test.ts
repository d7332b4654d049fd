import { inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { authThrottles } from '../../src/db/schema';
import { auditRows, loginBody, postJson, testPassword } from '../support/auth';
import { createCompany, withDatabase } from '../support/factories';
import {
  expectProblem,
  messageOf,
  sessionsOfUser,
  staff,
  throttleRow,
  uniqueAddress,
  uniquePhone,
} from './helpers';

/**
 * Sign-in lockout: 5 failures for one account within 15 minutes lock the account, 30 failures
 * from one client address (CF-Connecting-IP) lock the address; either answers 429 RATE_LIMITED
 * with Retry-After until the lock ends, even to the right password.
 */
const wrongPassword = 'salah-sekali-123';
const lockSeconds = 15 * 60;

type Login = { email?: string | null; phone?: string | null };

function attempt(login: Login, password = wrongPassword, headers: Record<string, string> = {}) {
  return postJson('/api/v1/auth/login', loginBody(login, password), headers);
}

async function failTimes(times: number, login: Login, headers: Record<string, string> = {}) {
  for (let failure = 1; failure <= times; failure += 1) {
    await expectProblem(await attempt(login, wrongPassword, headers), 401, 'INVALID_CREDENTIALS');
  }
}

async function expectLockedOut(response: Response, language: 'id' | 'en' = 'id') {
  const problem = await expectProblem(response, 429, 'RATE_LIMITED');
  const retryAfter = Number(response.headers.get('Retry-After'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(lockSeconds - 60);
  expect(retryAfter).toBeLessThanOrEqual(lockSeconds);
  expect(problem.detail).toBe(messageOf('auth.lockedOut', { minutes: 15 }, language));
  return problem;
}

async function newCashier(fields: { email?: string | null; phone?: string } = {}) {
  const company = await createCompany();
  return { company, user: await staff(company.id, 'cashier', fields) };
}

describe('account lockout', () => {
  it('answers the fifth failure within 15 minutes with 429 RATE_LIMITED and Retry-After', async () => {
    const { user } = await newCashier();
    await failTimes(4, user);
    const problem = await expectLockedOut(await attempt(user));
    expect(problem.title).toBe('Terlalu banyak percobaan');
    const row = await throttleRow(`account:${user.email}`);
    expect(row?.failures).toBe(5);
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + (lockSeconds - 60) * 1000);
    await expectLockedOut(await attempt(user));
  });

  it('refuses even the correct password while locked, from any address', async () => {
    const { company, user } = await newCashier();
    await failTimes(4, user);
    await expectLockedOut(await attempt(user));
    await expectLockedOut(await attempt(user, testPassword));
    await expectLockedOut(
      await attempt(user, testPassword, { 'CF-Connecting-IP': uniqueAddress() }),
    );
    expect(await sessionsOfUser(user.id)).toEqual([]);
    expect(await auditRows(company.id, 'auth.login')).toEqual([]);
  });

  it('says so in English when asked', async () => {
    const { user } = await newCashier();
    await failTimes(4, user);
    const problem = await expectLockedOut(
      await attempt(user, wrongPassword, { 'Accept-Language': 'en' }),
      'en',
    );
    expect(problem.title).toBe('Too many requests');
  });

  it('locks an unknown e-mail the same way, so lockout reveals no account', async () => {
    const unknown = { email: `nobody-${crypto.randomUUID()}@kasir.test` };
    await failTimes(4, unknown);
    await expectLockedOut(await attempt(unknown));
  });

  it('forgets the account failures after a successful sign-in', async () => {
    const { user } = await newCashier();
    await failTimes(4, user);
    expect((await attempt(user, testPassword)).status).toBe(201);
    expect(await throttleRow(`account:${user.email}`)).toBeUndefined();
    await failTimes(4, user);
    expect((await throttleRow(`account:${user.email}`))?.failures).toBe(4);
  });

  it('lets the correct password in once the lock has run out', async () => {
    const { user } = await newCashier();
    await failTimes(4, user);
    await expectLockedOut(await attempt(user));
    const past = new Date(Date.now() - (lockSeconds + 60) * 1000);
    await withDatabase(({ db }) =>
      db
        .update(authThrottles)
        .set({ lockedUntil: new Date(Date.now() - 1000), windowStartedAt: past })
        .where(inArray(authThrottles.key, [`account:${user.email}`, `user:${user.id}`])),
    );
    expect((await attempt(user, testPassword)).status).toBe(201);
  });

  it('does not lock one account for failures of another', async () => {
    const { user } = await newCashier();
    const { user: neighbour } = await newCashier();
    await failTimes(4, user);
    await expectLockedOut(await attempt(user));
    expect((await attempt(neighbour, testPassword)).status).toBe(201);
  });

  it('counts the 0812… and +62812… forms of one phone number as one account', async () => {
    const phone = uniquePhone();
    const { user } = await newCashier({ email: null, phone });
    await failTimes(3, { phone: `0${phone.slice(3)}` });
    await failTimes(1, { phone });
    await expectLockedOut(await attempt({ phone }));
    await expectLockedOut(await attempt({ phone: `0${phone.slice(3)}` }, testPassword));
    expect(await sessionsOfUser(user.id)).toEqual([]);
  });

  it('counts failures by e-mail and by phone of one account together', async () => {
    const { user } = await newCashier({ phone: uniquePhone() });
    await failTimes(3, { email: user.email });
    await failTimes(1, { phone: user.phone });
    // The fifth failure on this account, whichever login it names.
    await expectLockedOut(await attempt({ phone: user.phone }));
    await expectLockedOut(await attempt({ email: user.email }, testPassword));
  });

  it('refuses the correct password by phone while the account is locked by e-mail', async () => {
    const { user } = await newCashier({ phone: uniquePhone() });
    await failTimes(4, { email: user.email });
    await expectLockedOut(await attempt({ email: user.email }));
    await expectLockedOut(await attempt({ phone: user.phone }, testPassword));
    expect(await sessionsOfUser(user.id)).toEqual([]);
  });
});

describe('address lockout', () => {
  it('locks a client address after 30 failures across different accounts', async () => {
    const address = uniqueAddress();
    const from = { 'CF-Connecting-IP': address };
    for (let failure = 1; failure <= 29; failure += 1) {
      await failTimes(1, { email: `guess-${failure}-${crypto.randomUUID()}@kasir.test` }, from);
    }
    await expectLockedOut(
      await attempt({ email: `guess-30-${crypto.randomUUID()}@kasir.test` }, wrongPassword, from),
    );
    expect((await throttleRow(`address:${address}`))?.failures).toBe(30);

    const { user } = await newCashier();
    await expectLockedOut(await attempt(user, testPassword, from));
    expect(await sessionsOfUser(user.id)).toEqual([]);
    const elsewhere = await attempt(user, testPassword, { 'CF-Connecting-IP': uniqueAddress() });
    expect(elsewhere.status).toBe(201);
    expect(await throttleRow(`address:${address}`)).toBeDefined();
  });

  it('does not count failures without a client address against any address', async () => {
    const { user } = await newCashier();
    await failTimes(3, user);
    const address = uniqueAddress();
    expect((await attempt(user, testPassword, { 'CF-Connecting-IP': address })).status).toBe(201);
    expect(await throttleRow(`address:${address}`)).toBeUndefined();
  });
});
