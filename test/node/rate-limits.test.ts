import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { rateLimits } from '../../src/middleware/rate-limit-table';

/**
 * The limits the RateLimit-* headers announce (src/middleware/rate-limit-table.ts, times the
 * environment's RATE_LIMIT_SCALE) are the ones wrangler.toml gives the bindings, in every
 * environment, each binding with its own namespace.
 */
describe('the rate limits in wrangler.toml', () => {
  it('match the table the headers are written from, in every environment', async () => {
    const toml = await readFile(new URL('../../wrangler.toml', import.meta.url), 'utf8');
    const blocks = [
      ...toml.matchAll(
        /^\[\[(?:env\.(\w+)\.)?ratelimits\]\]\nname = "(\w+)"\nnamespace_id = "(\d+)"\nsimple = \{ limit = (\d+), period = (\d+) \}/gm,
      ),
    ].map(([, environment = 'local', name, namespaceId, limit, period]) => ({
      environment,
      name,
      namespaceId,
      limit: Number(limit),
      period: Number(period),
    }));
    const scales = Object.fromEntries(
      [
        ...toml.matchAll(/^\[(?:env\.(\w+)\.)?vars\]\n(?:[^[].*\n)*?RATE_LIMIT_SCALE = "(\d+)"/gm),
      ].map(([, environment = 'local', scale]) => [environment, Number(scale)]),
    );
    expect(scales).toEqual({ local: 100, staging: 1, production: 1 });
    for (const environment of ['local', 'staging', 'production']) {
      const expected = Object.values(rateLimits).map(({ binding, limit, period }) => ({
        name: binding,
        limit: limit * (scales[environment] ?? 0),
        period,
      }));
      const declared = blocks.filter((block) => block.environment === environment);
      expect(
        declared.map(({ name, limit, period }) => ({ name, limit, period })),
        environment,
      ).toEqual(expected);
      expect(new Set(declared.map((block) => block.namespaceId)).size).toBe(declared.length);
    }
  });
});
