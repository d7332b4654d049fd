import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app';
import { captureLogLines } from '../support/logs';
import { requestApp } from '../support/worker';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('request logs', () => {
  it('write one JSON line per request with the request id, status and duration', async () => {
    const lines = captureLogLines();
    await requestApp(
      createApp(),
      '/api/v1?limit=5',
      { headers: { 'X-Request-Id': 'log-1' } },
      { LOG_LEVEL: 'info' },
    );
    const entries = lines
      .map((line) => JSON.parse(line))
      .filter((entry) => entry.message === 'request');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      level: 'info',
      requestId: 'log-1',
      method: 'GET',
      path: '/api/v1',
      query: { limit: '5' },
      status: 200,
    });
    expect(entries[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('redact tokens, authorization headers, e-mail, phone and NPWP', async () => {
    const lines = captureLogLines();
    await requestApp(
      createApp(),
      '/api/v1?token=tok-secret-1&email=siti%40example.com&phone=081234567890&npwp=0012345678901000&note=hubungi+siti%40example.com',
      {
        headers: {
          Authorization: 'Bearer eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2ln',
          'X-Request-Id': 'log-2',
        },
      },
      { LOG_LEVEL: 'info' },
    );
    const output = lines.join('\n');
    expect(output).toContain('log-2');
    for (const secret of [
      'tok-secret-1',
      'siti@example.com',
      '081234567890',
      '0012345678901000',
      'eyJhbGci',
    ]) {
      expect(output).not.toContain(secret);
    }
    const entry = JSON.parse(lines.find((line) => line.includes('"request"')) ?? '{}');
    expect(entry.headers.authorization).toBe('[REDACTED]');
    expect(entry.query.token).toBe('[REDACTED]');
  });

  it('stay quiet below the configured level', async () => {
    const lines = captureLogLines();
    await requestApp(createApp(), '/api/v1', {}, { LOG_LEVEL: 'warn' });
    expect(lines).toEqual([]);
  });
});
