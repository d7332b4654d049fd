import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { createProbeApp } from '../support/probe-app';
import { request, requestApp } from '../support/worker';

describe('security headers', () => {
  it('are set on successes and on errors', async () => {
    for (const path of ['/api/v1', '/api/v1/none']) {
      const response = await request(path);
      expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
      expect(response.headers.get('Strict-Transport-Security')).toContain('max-age=');
      expect(response.headers.get('X-Request-Id')).toBeTruthy();
    }
  });
});

describe('CORS', () => {
  it('allows a configured origin, including the preflight', async () => {
    const app = createApp();
    const bindings = { CORS_ORIGINS: 'https://kasir.example, https://console.example' };
    const preflight = await requestApp(
      app,
      '/api/v1',
      {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://console.example',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'Authorization, Content-Type',
        },
      },
      bindings,
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('Access-Control-Allow-Origin')).toBe('https://console.example');
    expect(preflight.headers.get('Access-Control-Allow-Headers')).toContain('Authorization');

    const actual = await requestApp(
      app,
      '/api/v1',
      { headers: { Origin: 'https://kasir.example' } },
      bindings,
    );
    expect(actual.headers.get('Access-Control-Allow-Origin')).toBe('https://kasir.example');
    expect(actual.headers.get('Access-Control-Expose-Headers')).toContain('X-Request-Id');
  });

  it('gives no CORS grant to an origin outside the allowlist', async () => {
    const response = await requestApp(
      createApp(),
      '/api/v1',
      { headers: { Origin: 'https://evil.example' } },
      { CORS_ORIGINS: 'https://kasir.example' },
    );
    expect(response.headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('compression', () => {
  const largeBody = JSON.stringify({
    storeId: 'x',
    items: Array.from({ length: 60 }, () => ({ variantId: 'not-a-uuid', quantity: -1 })),
  });
  const post = (acceptEncoding: string) =>
    requestApp(createProbeApp(), '/api/v1/probe', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Encoding': acceptEncoding },
      body: largeBody,
    });

  it('marks large responses for gzip or br when the client accepts it', async () => {
    const gzip = await post('gzip');
    expect(gzip.headers.get('Content-Encoding')).toBe('gzip');
    expect(gzip.headers.get('Vary')).toContain('Accept-Encoding');
    const brotli = await post('gzip;q=0.5, br');
    expect(brotli.headers.get('Content-Encoding')).toBe('br');
  });

  it('leaves small responses and clients that do not accept compression alone', async () => {
    expect((await post('identity')).headers.get('Content-Encoding')).toBeNull();
    const small = await requestApp(createApp(), '/api/v1', {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(small.headers.get('Content-Encoding')).toBeNull();
    expect(await small.json()).toMatchObject({ name: 'kasir-edge' });
  });
});
