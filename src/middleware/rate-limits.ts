import type { MiddlewareHandler } from 'hono';
import type { Env } from '../env';
import { ApiError } from '../lib/errors';
import { planMultipliers, type RateClass, rateLimits } from './rate-limit-table';

export { planMultipliers, type RateClass, rateLimits };

/**
 * Rate limits, counted by Cloudflare's Rate Limiting binding (`[[ratelimits]]` in wrangler.toml,
 * one binding per class and subject; the counters live at the edge, never in the database or in
 * KV, whose one write per second per key would lose increments).
 *
 * Classes: reads (GET/HEAD), writes, sync uploads, each limited per device session and per
 * company, so one noisy till cannot use its company's allowance and one noisy company cannot
 * touch another's; the platform's routes per operator session; sign-in and the health check per
 * address; other anonymous requests per address. A request past a limit is answered 429
 * problem+json with `Retry-After` and the `RateLimit-*` headers, and `retryable: true`: a till
 * keeps its sales and sends them again after the wait.
 *
 * Progressive: a subject refused again after its wait gets twice the wait (60 s, 120 s, 240 s…,
 * at most 15 minutes); the level lives in KV (rarely written: once per refusal episode) and is
 * forgotten after 10 quiet minutes.
 *
 * Per plan: a company's limits are multiplied by its plan's `planMultipliers`, by splitting its
 * counter into that many (rate-limit-table.ts).
 */

export interface RateCheck {
  rateClass: RateClass;
  /** Whose allowance: `session:<id>`, `company:<id>[#<shard>]`, `address:<ip>`. */
  subject: string;
  /** How many times the class's limit the subject has in all (a company's plan); default 1. */
  multiplier?: number;
}

const maxWaitSeconds = 15 * 60;
const quietSeconds = 10 * 60;

interface Penalty {
  level: number;
  /** Epoch seconds until which the current wait runs. */
  until: number;
}

const penaltyKey = (check: RateCheck) => `ratelimit:${check.rateClass}:${check.subject}`;

/**
 * The wait to tell a refused subject: the rest of its current wait when it comes back too early
 * (nothing written), else the next level's (one KV write).
 */
async function waitFor(env: Env, check: RateCheck, now: number): Promise<number> {
  const { period } = rateLimits[check.rateClass];
  const key = penaltyKey(check);
  const current = await env.CACHE.get<Penalty>(key, 'json').catch(() => null);
  if (current && current.until > now) return current.until - now;
  const level = current ? current.level + 1 : 0;
  const wait = Math.min(maxWaitSeconds, period * 2 ** level);
  const penalty: Penalty = { level, until: now + wait };
  await env.CACHE.put(key, JSON.stringify(penalty), {
    expirationTtl: wait + quietSeconds,
  }).catch(() => undefined);
  return wait;
}

/** How many times the environment's bindings exceed the production limits (wrangler.toml). */
export function rateLimitScale(env: Pick<Env, 'RATE_LIMIT_SCALE'>): number {
  const scale = Number(env.RATE_LIMIT_SCALE ?? 1);
  return Number.isFinite(scale) && scale > 0 ? scale : 1;
}

/** Counts the request against each check, in order; 429 at the first one past its limit. */
export async function enforceRateLimits(env: Env, checks: readonly RateCheck[]): Promise<void> {
  for (const check of checks) {
    const { binding, period } = rateLimits[check.rateClass];
    const limit = rateLimits[check.rateClass].limit * rateLimitScale(env) * (check.multiplier ?? 1);
    const { success } = await env[binding].limit({ key: check.subject });
    if (success) continue;
    const wait = await waitFor(env, check, Math.floor(Date.now() / 1000));
    throw new ApiError('RATE_LIMITED', {
      detail: { key: 'request.rateLimited', params: { seconds: wait } },
      extensions: { retryable: true, limit: check.rateClass },
      headers: {
        'Retry-After': String(wait),
        'RateLimit-Limit': String(limit),
        'RateLimit-Remaining': '0',
        'RateLimit-Reset': String(wait),
        'RateLimit-Policy': `${limit};w=${period}`,
      },
    });
  }
}

/** The checks of a signed-in caller's request, by what it does. */
export function sessionChecks(
  request: { method: string; path: string },
  caller: { sessionId: string; companyId: string; plan?: keyof typeof planMultipliers },
): RateCheck[] {
  const session = `session:${caller.sessionId}`;
  if (request.path.startsWith('/api/v1/platform/')) {
    return [{ rateClass: 'platform', subject: session }];
  }
  const multiplier = planMultipliers[caller.plan ?? 'basic'];
  const shard = companyShard(caller.sessionId, multiplier);
  const company = `company:${caller.companyId}${shard === null ? '' : `#${shard}`}`;
  const pair = (sessionClass: RateClass, companyClass: RateClass): RateCheck[] => [
    { rateClass: sessionClass, subject: session },
    { rateClass: companyClass, subject: company, multiplier },
  ];
  if (request.method === 'GET' || request.method === 'HEAD') {
    return pair('sessionReads', 'companyReads');
  }
  if (request.path.startsWith('/api/v1/sync/') && request.method === 'POST') {
    return pair('sessionSync', 'companySync');
  }
  return pair('sessionWrites', 'companyWrites');
}

/**
 * Which of its company's `multiplier` counters a device session counts against: fixed by the
 * session id (its last 8 hex digits), so a session always meets the same one. Null: one counter.
 */
export function companyShard(sessionId: string, multiplier: number): number | null {
  if (multiplier <= 1) return null;
  return Number.parseInt(sessionId.replaceAll('-', '').slice(-8), 16) % multiplier;
}

/** Sign-in and refresh, limited per address before any password or token is checked. */
const signInPaths = new Set(['/api/v1/auth/login', '/api/v1/auth/refresh']);

/**
 * The limits of requests that carry no access token (signed-in requests are limited by
 * `authenticate`, once it knows whose they are): per address, sign-in and the health check each
 * on their own. CORS preflights are not counted.
 */
export const limitAnonymous: MiddlewareHandler<{
  Bindings: Env;
  Variables: { clientAddress: string | null };
}> = async (c, next) => {
  if (c.req.method === 'OPTIONS') return next();
  const path = c.req.path.replace(/\/+$/, '');
  const subject = `address:${c.var.clientAddress ?? 'unknown'}`;
  if (path === '/health') {
    await enforceRateLimits(c.env, [{ rateClass: 'health', subject }]);
  } else if (signInPaths.has(path)) {
    await enforceRateLimits(c.env, [{ rateClass: 'signIn', subject }]);
  } else if (!/^Bearer\s/i.test(c.req.header('Authorization') ?? '')) {
    await enforceRateLimits(c.env, [{ rateClass: 'anonymous', subject }]);
  }
  await next();
};
