import { eq, inArray, like } from 'drizzle-orm';
import { describe, expect, it, vi } from 'vitest';
import { hashFingerprint } from '../../src/auth/refresh-tokens';
import { authThrottles, notifications } from '../../src/db/schema';
import { signInPolicies, type ThrottlePolicy } from '../../src/services/auth-throttle';
import {
  auditRows,
  authedRequest,
  loginBody,
  postJson,
  signIn,
  testPassword,
} from '../support/auth';
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
 * Sign-in lockout, as the README states it: failures count per account and source; the pair
 * (account × address, account × device) locks after 5 in 15 minutes; an address after 30 across
 * accounts; the account as a whole after 50 in an hour from everywhere, and then only for devices
 * the user never signed in on, and the user is told. A lock answers 429 RATE_LIMITED with
 * Retry-After until it ends, even to the right password.
 */
const wrongPassword = 'salah-sekali-123';

type Login = { email?: string | null; phone?: string | null };
interface Source {
  address?: string;
  fingerprint?: string;
}

function attempt(login: Login, password = wrongPassword, source: Source = {}, language?: string) {
  return postJson('/api/v1/auth/login', loginBody(login, password, source.fingerprint), {
    ...(source.address && { 'CF-Connecting-IP': source.address }),
    ...(language && { 'Accept-Language': language }),
  });
}

/** A new address and a new device each time: an attacker spreading their guesses. */
const anywhere = (): Source => ({
  address: uniqueAddress(),
  fingerprint: `attacker-${crypto.randomUUID()}`,
});
const fixedSource = (): Source => ({
  address: uniqueAddress(),
  fingerprint: `device-${crypto.randomUUID()}`,
});

async function failTimes(times: number, login: Login, source: () => Source) {
  for (let failure = 1; failure <= times; failure += 1) {
    await expectProblem(await attempt(login, wrongPassword, source()), 401, 'INVALID_CREDENTIALS');
  }
}

async function expectLockedOut(
  response: Response,
  policy: ThrottlePolicy,
  language: 'id' | 'en' = 'id',
) {
  const problem = await expectProblem(response, 429, 'RATE_LIMITED');
  const retryAfter = Number(response.headers.get('Retry-After'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThan(policy.lockSeconds - 60);
  expect(retryAfter).toBeLessThanOrEqual(policy.lockSeconds);
  expect(problem.detail).toBe(
    messageOf('auth.lockedOut', { minutes: policy.lockSeconds / 60 }, language),
  );
  return problem;
}

async function newCashier(fields: { email?: string | null; phone?: string } = {}) {
  const company = await createCompany();
  return { company, user: await staff(company.id, 'cashier', fields) };
}

function throttleRowsOf(userId: string) {
  return withDatabase(({ db }) =>
    db
      .select()
      .from(authThrottles)
      .where(like(authThrottles.key, `sign-in:user:${userId}%`)),
  );
}

async function pairKey(userId: string, source: Required<Source>, kind: 'address' | 'device') {
  const value = kind === 'address' ? source.address : await hashFingerprint(source.fingerprint);
  return `sign-in:user:${userId}:${kind}:${value}`;
}

const pair = signInPolicies.pair;

describe('sign-in lockout of one source', () => {
  it('locks an account from one address after 5 failures: 429 with Retry-After', async () => {
    const { user } = await newCashier();
    const address = uniqueAddress();
    const fromThere = () => ({ address, fingerprint: `device-${crypto.randomUUID()}` });
    await failTimes(4, user, fromThere);
    const problem = await expectLockedOut(await attempt(user, wrongPassword, fromThere()), pair);
    expect(problem.title).toBe('Terlalu banyak percobaan');
    const row = await throttleRow(`sign-in:user:${user.id}:address:${address}`);
    expect(row?.failures).toBe(5);
    // Even the right password, from that address, on any device it has not signed in on.
    await expectLockedOut(await attempt(user, testPassword, fromThere()), pair);
    expect(await sessionsOfUser(user.id)).toEqual([]);
  });

  it('locks an account on one device after 5 failures, whatever address it comes from', async () => {
    const { user } = await newCashier();
    const fingerprint = `device-${crypto.randomUUID()}`;
    const onThatDevice = () => ({ address: uniqueAddress(), fingerprint });
    await failTimes(4, user, onThatDevice);
    await expectLockedOut(await attempt(user, wrongPassword, onThatDevice()), pair);
    await expectLockedOut(await attempt(user, testPassword, onThatDevice()), pair);
  });

  it('does not stop the owner signing in from their own device, nor from a new one elsewhere', async () => {
    const company = await createCompany();
    const owner = await staff(company.id, 'owner');
    const ownPhone = fixedSource();
    await signIn(owner, ownPhone);

    // The attacker hammers the owner's account from one address, with devices of their own.
    const attackerAddress = uniqueAddress();
    const fromAttacker = () => ({
      address: attackerAddress,
      fingerprint: `attacker-${crypto.randomUUID()}`,
    });
    await failTimes(5 - 1, owner, fromAttacker);
    for (let more = 0; more < 5; more += 1) {
      await expectLockedOut(await attempt(owner, wrongPassword, fromAttacker()), pair);
    }

    expect((await attempt(owner, testPassword, ownPhone)).status).toBe(201);
    // Even on the attacker's network (the café's Wi-Fi), the owner's own phone gets in.
    expect(
      (await attempt(owner, testPassword, { ...ownPhone, address: attackerAddress })).status,
    ).toBe(201);
    expect((await attempt(owner, testPassword, fixedSource())).status).toBe(201);
    expect(await auditRows(company.id, 'auth.login')).toHaveLength(4);
  });

  it('says so in English when asked', async () => {
    const { user } = await newCashier();
    const source = fixedSource();
    await failTimes(4, user, () => source);
    const problem = await expectLockedOut(
      await attempt(user, wrongPassword, source, 'en'),
      pair,
      'en',
    );
    expect(problem.title).toBe('Too many requests');
  });

  it('locks an unknown e-mail the same way, so lockout reveals no account', async () => {
    const unknown = { email: `nobody-${crypto.randomUUID()}@kasir.test` };
    const source = fixedSource();
    await failTimes(4, unknown, () => source);
    await expectLockedOut(await attempt(unknown, wrongPassword, source), pair);
    expect(
      (await throttleRow(`sign-in:login:${unknown.email}:address:${source.address}`))?.failures,
    ).toBe(5);
  });

  it("forgets this source's failures after a successful sign-in, not the account's", async () => {
    const { user } = await newCashier();
    const source = fixedSource() as Required<Source>;
    await failTimes(4, user, () => source);
    expect((await attempt(user, testPassword, source)).status).toBe(201);
    expect(await throttleRow(await pairKey(user.id, source, 'address'))).toBeUndefined();
    expect(await throttleRow(await pairKey(user.id, source, 'device'))).toBeUndefined();
    expect((await throttleRow(`sign-in:user:${user.id}`))?.failures).toBe(4);
    await failTimes(4, user, () => source);
    expect((await throttleRow(await pairKey(user.id, source, 'address')))?.failures).toBe(4);
  });

  it('lets the correct password in once the lock has run out', async () => {
    const { user } = await newCashier();
    const source = fixedSource();
    await failTimes(4, user, () => source);
    await expectLockedOut(await attempt(user, wrongPassword, source), pair);
    const past = new Date(Date.now() - (pair.lockSeconds + 60) * 1000);
    const keys = (await throttleRowsOf(user.id)).map((row) => row.key);
    await withDatabase(({ db }) =>
      db
        .update(authThrottles)
        .set({ lockedUntil: new Date(Date.now() - 1000), windowStartedAt: past })
        .where(inArray(authThrottles.key, keys)),
    );
    expect((await attempt(user, testPassword, source)).status).toBe(201);
  });

  it('does not lock one account for failures of another', async () => {
    const { user } = await newCashier();
    const { user: neighbour } = await newCashier();
    const source = fixedSource();
    await failTimes(4, user, () => source);
    await expectLockedOut(await attempt(user, wrongPassword, source), pair);
    expect((await attempt(neighbour, testPassword, source)).status).toBe(201);
  });

  it('counts the 0812… and +62812… forms of one phone number as one account', async () => {
    const phone = uniquePhone();
    const { user } = await newCashier({ email: null, phone });
    const source = fixedSource();
    await failTimes(3, { phone: `0${phone.slice(3)}` }, () => source);
    await failTimes(1, { phone }, () => source);
    await expectLockedOut(await attempt({ phone }, wrongPassword, source), pair);
    await expectLockedOut(
      await attempt({ phone: `0${phone.slice(3)}` }, testPassword, source),
      pair,
    );
    expect(await sessionsOfUser(user.id)).toEqual([]);
  });

  it('counts failures by e-mail and by phone of one account together', async () => {
    const { user } = await newCashier({ phone: uniquePhone() });
    const source = fixedSource();
    await failTimes(3, { email: user.email }, () => source);
    await failTimes(1, { phone: user.phone }, () => source);
    await expectLockedOut(await attempt({ phone: user.phone }, wrongPassword, source), pair);
    await expectLockedOut(await attempt({ email: user.email }, testPassword, source), pair);
  });
});

describe('address lockout', () => {
  it('locks a client address after 30 failures across accounts, except for known devices', async () => {
    const company = await createCompany();
    const regular = await staff(company.id, 'cashier');
    const address = uniqueAddress();
    const till = { address, fingerprint: `till-${crypto.randomUUID()}` };
    await signIn(regular, till);

    const guess = () => ({ address, fingerprint: `attacker-${crypto.randomUUID()}` });
    for (let failure = 1; failure < signInPolicies.address.maxFailures; failure += 1) {
      await failTimes(1, { email: `guess-${failure}-${crypto.randomUUID()}@kasir.test` }, guess);
    }
    await expectLockedOut(
      await attempt(
        { email: `guess-last-${crypto.randomUUID()}@kasir.test` },
        wrongPassword,
        guess(),
      ),
      signInPolicies.address,
    );
    expect((await throttleRow(`sign-in-address:${address}`))?.failures).toBe(30);

    const { user } = await newCashier();
    await expectLockedOut(await attempt(user, testPassword, guess()), signInPolicies.address);
    expect(await sessionsOfUser(user.id)).toEqual([]);
    expect((await attempt(user, testPassword, fixedSource())).status).toBe(201);
    // The shop's own till, which signed in here before, is not locked out by the stranger.
    expect((await attempt(regular, testPassword, till)).status).toBe(201);
  });

  it('does not count failures without a client address against any address', async () => {
    const { user } = await newCashier();
    const fingerprint = `device-${crypto.randomUUID()}`;
    await failTimes(3, user, () => ({ fingerprint }));
    const address = uniqueAddress();
    expect((await attempt(user, testPassword, { address, fingerprint })).status).toBe(201);
    expect(await throttleRow(`sign-in-address:${address}`)).toBeUndefined();
  });
});

function notificationsFor(recipientId: string) {
  return withDatabase(({ db }) =>
    db.select().from(notifications).where(eq(notifications.recipientId, recipientId)),
  );
}

describe('account lockout (from everywhere at once)', () => {
  it('locks new devices out after 50 failures in an hour, keeps known devices in, and tells the owner', async () => {
    const company = await createCompany();
    const owner = await staff(company.id, 'owner');
    const ownPhone = fixedSource();
    const ownSession = await signIn(owner, ownPhone);

    await failTimes(signInPolicies.account.maxFailures - 1, owner, anywhere);
    await expectLockedOut(await attempt(owner, wrongPassword, anywhere()), signInPolicies.account);
    await expectLockedOut(await attempt(owner, testPassword, anywhere()), signInPolicies.account);
    // A locked attempt is refused before the password is checked, so it is not counted.
    expect((await throttleRow(`sign-in:user:${owner.id}`))?.failures).toBe(50);

    expect((await attempt(owner, testPassword, ownPhone)).status).toBe(201);

    // Through the real JOBS queue and its consumer: one notification, for the owner alone.
    await vi.waitFor(async () => expect(await notificationsFor(owner.id)).toHaveLength(1), {
      timeout: 20_000,
      interval: 500,
    });
    const [notice] = await notificationsFor(owner.id);
    expect(notice).toMatchObject({
      kind: 'account_locked',
      companyId: company.id,
      data: { userId: owner.id, via: 'sign_in', failures: 50 },
    });
    const listed = await authedRequest(ownSession, '/api/v1/notifications');
    expect(listed.status).toBe(200);
    expect((await listed.json<{ data: Array<{ id: string }> }>()).data).toEqual([
      expect.objectContaining({ id: notice?.id, kind: 'account_locked' }),
    ]);
  }, 60_000);

  it('locks an unknown login the same way', async () => {
    const unknown = { email: `nobody-${crypto.randomUUID()}@kasir.test` };
    await failTimes(signInPolicies.account.maxFailures - 1, unknown, anywhere);
    await expectLockedOut(
      await attempt(unknown, wrongPassword, anywhere()),
      signInPolicies.account,
    );
  }, 60_000);

  it('does not trust a device whose session was revoked as stolen', async () => {
    const { user } = await newCashier();
    const lost = fixedSource();
    const session = await signIn(user, lost);
    const response = await authedRequest(session, `/api/v1/auth/sessions/${session.sessionId}`, {
      method: 'DELETE',
    });
    expect(response.status).toBe(204);
    await failTimes(signInPolicies.account.maxFailures - 1, user, anywhere);
    await expectLockedOut(await attempt(user, wrongPassword, anywhere()), signInPolicies.account);
    await expectLockedOut(await attempt(user, testPassword, lost), signInPolicies.account);
  }, 60_000);
});
