import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

describe('GET /health', () => {
  it('reports the database reachable and the migrations applied', async () => {
    const response = await exports.default.fetch('http://kasir.test/health');
    expect(response.status).toBe(200);
    const body = await response.json<{ status: string; database: { migrationsApplied: number } }>();
    expect(body.status).toBe('pass');
    expect(body.database.migrationsApplied).toBeGreaterThan(0);
  });
});
