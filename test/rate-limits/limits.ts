import type { RateClass } from '../../src/middleware/rate-limit-table';

/** The limits the rate-limits project runs with (vitest.config.ts): a few requests reach each. */
export const testRateLimits: Record<RateClass, number> = {
  sessionReads: 5,
  companyReads: 8,
  sessionWrites: 3,
  companyWrites: 5,
  sessionSync: 2,
  companySync: 3,
  platform: 3,
  signIn: 3,
  health: 3,
  anonymous: 3,
};
