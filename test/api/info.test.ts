import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json';
import { request } from '../support/worker';

describe('GET /api/v1', () => {
  it('describes the API', async () => {
    const response = await request('/api/v1');
    expect(response.status).toBe(200);
    const body = await response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      name: 'kasir-edge',
      version: packageJson.version,
      apiVersion: 'v1',
      environment: 'test',
      languages: ['id', 'en'],
    });
    expect(Date.parse(String(body.serverTime))).not.toBeNaN();
  });
});
