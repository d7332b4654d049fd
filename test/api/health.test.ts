import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { createApp } from '../../src/app';
import { request, requestApp } from '../support/worker';

describe('GET /health', () => {
  it('passes with the database reachable and reports the version and migrations', async () => {
    const response = await request('/health');
    expect(response.status).toBe(200);
    const body = await response.json<{
      status: string;
      version: string;
      database: { status: string; migrationsApplied: number };
    }>();
    expect(body.status).toBe('pass');
    expect(body.version).toBe(packageJson.version);
    expect(body.database.status).toBe('pass');
    expect(body.database.migrationsApplied).toBeGreaterThanOrEqual(1);
  });

  it('fails with 503 and no internals when the database cannot be reached', async () => {
    const unreachable = 'postgres://kasir:s3cret@127.0.0.1:1/kasir';
    const response = await requestApp(
      createApp(),
      '/health',
      {},
      { DATABASE_URL: unreachable, LOG_LEVEL: 'error' },
    );
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'fail', database: { status: 'fail' } });
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('127.0.0.1');
  });
});
