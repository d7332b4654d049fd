/**
 * The rate limit of each class (middleware/rate-limits.ts): its binding and its production limit
 * per period. wrangler.toml declares each environment's bindings as these times its
 * RATE_LIMIT_SCALE (the binding does not tell its limit; the RateLimit-* headers need it, and
 * test/node/rate-limits.test.ts keeps the two in step). No imports: the test configuration reads
 * it too.
 */
export type RateClass =
  | 'sessionReads'
  | 'companyReads'
  | 'sessionWrites'
  | 'companyWrites'
  | 'sessionSync'
  | 'companySync'
  | 'platform'
  | 'signIn'
  | 'health'
  | 'anonymous';

type LimiterBinding =
  | 'RATE_SESSION_READS'
  | 'RATE_COMPANY_READS'
  | 'RATE_SESSION_WRITES'
  | 'RATE_COMPANY_WRITES'
  | 'RATE_SESSION_SYNC'
  | 'RATE_COMPANY_SYNC'
  | 'RATE_PLATFORM'
  | 'RATE_SIGN_IN'
  | 'RATE_HEALTH'
  | 'RATE_ANONYMOUS';

export const rateLimits: Record<RateClass, { binding: LimiterBinding; limit: number; period: 60 }> =
  {
    sessionReads: { binding: 'RATE_SESSION_READS', limit: 600, period: 60 },
    companyReads: { binding: 'RATE_COMPANY_READS', limit: 6000, period: 60 },
    sessionWrites: { binding: 'RATE_SESSION_WRITES', limit: 300, period: 60 },
    companyWrites: { binding: 'RATE_COMPANY_WRITES', limit: 6000, period: 60 },
    sessionSync: { binding: 'RATE_SESSION_SYNC', limit: 60, period: 60 },
    companySync: { binding: 'RATE_COMPANY_SYNC', limit: 3000, period: 60 },
    platform: { binding: 'RATE_PLATFORM', limit: 600, period: 60 },
    signIn: { binding: 'RATE_SIGN_IN', limit: 30, period: 60 },
    health: { binding: 'RATE_HEALTH', limit: 120, period: 60 },
    anonymous: { binding: 'RATE_ANONYMOUS', limit: 300, period: 60 },
  };

/**
 * How many times the per-company limits a company's plan allows (companies.plan). A company's
 * counter is split into that many counters (`company:<id>#<n>`), each at the binding's limit;
 * each device session counts against one of them, fixed by its id, so a company whose load comes
 * from many tills gets the multiple, while one till stays within its own session limit. A plan
 * change takes effect as the company's tokens are refreshed (the plan is in the access token).
 */
export const planMultipliers: Record<'trial' | 'basic' | 'pro' | 'enterprise', number> = {
  trial: 1,
  basic: 1,
  pro: 2,
  enterprise: 5,
};
