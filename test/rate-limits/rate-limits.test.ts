import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import {
  companyShard,
  planMultipliers,
  rateLimitScale,
  rateLimits,
} from '../../src/middleware/rate-limits';
import { createUser, postJson } from '../support/auth';
import { createCompany } from '../support/factories';
import { readProblem, request } from '../support/worker';
import { type Member, member, send, tenant } from '../users/helpers';
import { testRateLimits } from './limits';

/**
 * The rate limits, in a project whose limits a few requests reach (./limits.ts; the other
 * projects run with wrangler.toml's a thousandfold). The binding counts in windows aligned to
 * the minute, so each test starts early in a window.
 */

async function freshWindow() {
  const second = new Date().getUTCSeconds();
  if (second > 40) await new Promise((resolve) => setTimeout(resolve, (61 - second) * 1000));
}

async function expectRefused(response: Response, rateClass: keyof typeof rateLimits) {
  expect(response.status).toBe(429);
  const problem = await readProblem(response);
  expect(problem).toMatchObject({ code: 'RATE_LIMITED', retryable: true, limit: rateClass });
  const wait = Number(response.headers.get('Retry-After'));
  expect(wait).toBeGreaterThan(0);
  // What wrangler.toml declares for the environment; this project's bindings are smaller.
  const limit = rateLimits[rateClass].limit * rateLimitScale(env);
  const { period } = rateLimits[rateClass];
  expect(response.headers.get('RateLimit-Limit')).toBe(String(limit));
  expect(response.headers.get('RateLimit-Remaining')).toBe('0');
  expect(response.headers.get('RateLimit-Reset')).toBe(String(wait));
  expect(response.headers.get('RateLimit-Policy')).toBe(`${limit};w=${period}`);
  return { problem, wait };
}

const read = (session: Parameters<typeof send>[0]) => send(session, 'GET', '/api/v1/me');

describe('rate limits', () => {
  it('refuse a session past its reads, then its company past the company’s, never another company', async () => {
    await freshWindow();
    const { company, owner } = await tenant();
    const colleague = await member(company.id, 'manager');
    const stranger = await tenant();
    for (let index = 0; index < testRateLimits.sessionReads; index++) {
      expect((await read(owner.session)).status).toBe(200);
    }
    const { problem } = await expectRefused(await read(owner.session), 'sessionReads');
    expect(problem.detail).toContain('Terlalu banyak permintaan');
    // The colleague's own reads count for the company too: 5 + 3 reach its 8.
    const left = testRateLimits.companyReads - testRateLimits.sessionReads;
    for (let index = 0; index < left; index++) {
      expect((await read(colleague.session)).status).toBe(200);
    }
    await expectRefused(await read(colleague.session), 'companyReads');
    // Another company is not touched by this one's burst.
    expect((await read(stranger.owner.session)).status).toBe(200);
  });

  it('count writes and sync uploads apart from reads, and answer in English on request', async () => {
    await freshWindow();
    const { owner } = await tenant();
    for (let index = 0; index < testRateLimits.sessionWrites; index++) {
      // Refused by validation, but counted: the limit comes before any work.
      const response = await send(owner.session, 'POST', '/api/v1/categories', { name: '' });
      expect(response.status).toBe(400);
    }
    const english = await send(
      owner.session,
      'POST',
      '/api/v1/categories',
      { name: 'Minuman' },
      { 'Accept-Language': 'en' },
    );
    const { problem } = await expectRefused(english, 'sessionWrites');
    expect(problem.detail).toContain('Too many requests');
    // Reads have their own allowance.
    expect((await read(owner.session)).status).toBe(200);

    for (let index = 0; index < testRateLimits.sessionSync; index++) {
      const response = await send(owner.session, 'POST', '/api/v1/sync/transactions', {});
      expect(response.status).toBe(400);
    }
    const upload = await send(owner.session, 'POST', '/api/v1/sync/transactions', {});
    // A till keeps its sales and sends them again after the wait.
    await expectRefused(upload, 'sessionSync');
  });

  it('limit sign-in and the health check per address, before any password is checked', async () => {
    await freshWindow();
    const { company } = await tenant();
    const user = await createUser(company.id, { role: 'cashier' });
    const address = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const login = () =>
      postJson(
        '/api/v1/auth/login',
        {
          email: user.email,
          password: 'wrong password',
          device: { name: 'Till', platform: 'web', fingerprint: `device-${crypto.randomUUID()}` },
        },
        { 'CF-Connecting-IP': address },
      );
    for (let index = 0; index < testRateLimits.signIn; index++) {
      expect((await login()).status).toBe(401);
    }
    await expectRefused(await login(), 'signIn');
    const elsewhere = await postJson(
      '/api/v1/auth/login',
      {
        email: user.email,
        password: 'wrong password',
        device: { name: 'Till', platform: 'web', fingerprint: `device-${crypto.randomUUID()}` },
      },
      { 'CF-Connecting-IP': `198.51.100.${Math.floor(Math.random() * 250)}` },
    );
    expect(elsewhere.status).toBe(401);

    const healthAddress = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const health = () => request('/health', { headers: { 'CF-Connecting-IP': healthAddress } });
    for (let index = 0; index < testRateLimits.health; index++) {
      expect((await health()).status).toBe(200);
    }
    await expectRefused(await health(), 'health');
  });

  it('make a client that keeps coming back to the limit wait longer, and forget it when quiet', async () => {
    await freshWindow();
    const { owner } = await tenant();
    for (let index = 0; index < testRateLimits.sessionReads; index++) {
      await read(owner.session);
    }
    const first = await expectRefused(await read(owner.session), 'sessionReads');
    expect(first.wait).toBe(60);
    // Back too early: the rest of the same wait, not a longer one.
    const early = await expectRefused(await read(owner.session), 'sessionReads');
    expect(early.wait).toBeLessThanOrEqual(60);
    // As if the wait had passed and it hit the limit again at once: twice the wait, then four times.
    const key = `ratelimit:sessionReads:session:${owner.session.sessionId}`;
    const passed = async () => {
      const penalty = await env.CACHE.get<{ level: number; until: number }>(key, 'json');
      await env.CACHE.put(key, JSON.stringify({ ...penalty, until: 0 }));
    };
    await passed();
    expect((await expectRefused(await read(owner.session), 'sessionReads')).wait).toBe(120);
    await passed();
    expect((await expectRefused(await read(owner.session), 'sessionReads')).wait).toBe(240);
    // After a quiet period the level is gone (its KV entry expires): the first wait again.
    await env.CACHE.delete(key);
    expect((await expectRefused(await read(owner.session), 'sessionReads')).wait).toBe(60);
  });

  it('give a company on a bigger plan its plan’s multiple of the company limit, over its tills', async () => {
    await freshWindow();
    const multiplier = planMultipliers.enterprise;
    const company = await createCompany({ plan: 'enterprise' });
    // Tills on two different counters of the company, and a third on the first one's.
    const tills: Member[] = [];
    const shardOf = (till: Member) => companyShard(till.session.sessionId, multiplier);
    while (tills.length < 3) {
      const till = await member(company.id, 'manager');
      const [first, second] = tills;
      const wanted =
        tills.length === 0 ||
        (tills.length === 1 && shardOf(till) !== shardOf(first as Member)) ||
        (tills.length === 2 && first && second && shardOf(till) === shardOf(first));
      if (wanted) tills.push(till);
    }
    const [first, second, third] = tills as [Member, Member, Member];
    // Ten reads between two tills: past a basic company's 8, within this one's.
    for (const till of [first, second]) {
      for (let index = 0; index < testRateLimits.sessionReads; index++) {
        expect((await read(till.session)).status).toBe(200);
      }
    }
    // The third till shares the first one's counter: 5 + 3 reach its 8, then the company's
    // limit (the plan's multiple of the binding's) refuses.
    const left = testRateLimits.companyReads - testRateLimits.sessionReads;
    for (let index = 0; index < left; index++) {
      expect((await read(third.session)).status).toBe(200);
    }
    const refused = await read(third.session);
    expect(refused.status).toBe(429);
    expect((await readProblem(refused)).limit).toBe('companyReads');
    const limit = rateLimits.companyReads.limit * rateLimitScale(env) * multiplier;
    expect(refused.headers.get('RateLimit-Limit')).toBe(String(limit));
  });
});
