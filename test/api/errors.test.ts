import { describe, expect, it } from 'vitest';
import { createProbeApp } from '../support/probe-app';
import { readProblem, request, requestApp } from '../support/worker';

const app = createProbeApp();
const storeId = '0195f000-0000-7000-8000-000000000001';
const variantId = '0195f000-0000-7000-8000-000000000002';

function postJson(body: string, headers: Record<string, string> = {}) {
  return requestApp(app, '/api/v1/probe', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body,
  });
}

describe('unknown routes and methods', () => {
  it('answers an unknown path with a 404 problem in Bahasa Indonesia by default', async () => {
    const response = await request('/api/v1/tidak-ada');
    expect(response.status).toBe(404);
    const problem = await readProblem(response);
    expect(problem).toMatchObject({
      type: '/problems/route-not-found',
      title: 'Alamat tidak ditemukan',
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      detail: 'Alamat /api/v1/tidak-ada tidak ditemukan.',
    });
    expect(problem.requestId).toBe(response.headers.get('X-Request-Id'));
    expect(response.headers.get('Content-Language')).toBe('id');
  });

  it('answers in English when Accept-Language prefers it', async () => {
    const response = await request('/api/v1/missing', {
      headers: { 'Accept-Language': 'id;q=0.4, en-GB;q=0.8' },
    });
    const problem = await readProblem(response);
    expect(problem.title).toBe('Route not found');
    expect(problem.detail).toBe('There is no resource at /api/v1/missing.');
    expect(response.headers.get('Content-Language')).toBe('en');
  });

  it('answers a known path with the wrong method with 405, the same shape and an Allow header', async () => {
    const response = await request('/health', { method: 'DELETE' });
    expect(response.status).toBe(405);
    expect(response.headers.get('Allow')).toBe('GET, HEAD');
    const problem = await readProblem(response);
    expect(problem.code).toBe('METHOD_NOT_ALLOWED');
    expect(problem.title).toBe('Metode tidak diizinkan');
    expect(problem.detail).toContain('DELETE');
  });
});

describe('request ids', () => {
  it('echoes a well-formed X-Request-Id from the client', async () => {
    const response = await request('/api/v1', { headers: { 'X-Request-Id': 'till-7-abc123' } });
    expect(response.headers.get('X-Request-Id')).toBe('till-7-abc123');
  });

  it('makes a UUIDv7 when the client sends none or a malformed one', async () => {
    const first = await request('/api/v1');
    const second = await request('/api/v1', { headers: { 'X-Request-Id': 'bad id <script>' } });
    const uuidv7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    expect(first.headers.get('X-Request-Id')).toMatch(uuidv7);
    expect(second.headers.get('X-Request-Id')).toMatch(uuidv7);
    expect(first.headers.get('X-Request-Id')).not.toBe(second.headers.get('X-Request-Id'));
  });
});

describe('request bodies', () => {
  it('accepts a valid body', async () => {
    const body = { storeId, items: [{ variantId, quantity: 2 }] };
    const response = await postJson(JSON.stringify(body));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ received: body });
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await postJson('{"storeId": "x", items: [}');
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.code).toBe('MALFORMED_JSON');
    expect(problem.detail).toBe('Isi permintaan bukan JSON yang valid.');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const response = await requestApp(app, '/api/v1/probe', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'storeId=1',
    });
    expect(response.status).toBe(415);
    expect((await readProblem(response)).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a body over 1 MB with 413, with or without a Content-Length', async () => {
    const big = JSON.stringify({ storeId, items: [], padding: 'x'.repeat(1024 * 1024) });
    const declared = await postJson(big);
    expect(declared.status).toBe(413);
    expect((await readProblem(declared)).detail).toBe('Isi permintaan melebihi batas 1 MB.');

    const encoder = new TextEncoder();
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let chunk = 0; chunk < 20; chunk++)
          controller.enqueue(encoder.encode('x'.repeat(64 * 1024)));
        controller.close();
      },
    });
    const chunked = await requestApp(app, '/api/v1/probe', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: streamed,
      // @ts-expect-error duplex is required by the fetch spec for a streamed body
      duplex: 'half',
    });
    expect(chunked.status).toBe(413);
    expect((await readProblem(chunked)).code).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('validation errors', () => {
  it('lists every invalid field with its path, in Bahasa Indonesia', async () => {
    const response = await postJson(
      JSON.stringify({
        storeId: 'not-a-uuid',
        items: [{ variantId, quantity: 0 }, { quantity: 1.5 }],
      }),
    );
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.code).toBe('VALIDATION_FAILED');
    expect(problem.title).toBe('Data tidak valid');
    expect(problem.detail).toBe('Ada 4 kesalahan pada data yang dikirim.');
    expect(problem.errors?.map((error) => error.path).sort()).toEqual([
      'items.0.quantity',
      'items.1.quantity',
      'items.1.variantId',
      'storeId',
    ]);
    const quantity = problem.errors?.find((error) => error.path === 'items.0.quantity');
    expect(quantity?.code).toBe('too_small');
    expect(quantity?.message).toMatch(/terlalu kecil/i);
  });

  it('words the same errors in English on request', async () => {
    const response = await postJson(JSON.stringify({ storeId, items: [] }), {
      'Accept-Language': 'en',
    });
    const problem = await readProblem(response);
    expect(problem.title).toBe('Invalid request data');
    expect(problem.errors).toEqual([
      { path: 'items', code: 'too_small', message: expect.stringMatching(/too small/i) },
    ]);
  });

  it('refuses unknown query parameters by name', async () => {
    const response = await requestApp(app, '/api/v1/probe?limit=10&sort=price&pgae=2');
    expect(response.status).toBe(400);
    const problem = await readProblem(response);
    expect(problem.errors).toEqual([
      { path: 'sort', code: 'unrecognized_key', message: 'Parameter tidak dikenal: sort.' },
      { path: 'pgae', code: 'unrecognized_key', message: 'Parameter tidak dikenal: pgae.' },
    ]);
  });

  it('does not echo the rejected input back', async () => {
    const response = await postJson(JSON.stringify({ storeId: 'rahasia-123', items: 'x' }));
    const text = await response.text();
    expect(text).not.toContain('rahasia-123');
  });
});

describe('unexpected errors', () => {
  it('answers 500 with the request id and no internals', async () => {
    const response = await requestApp(app, '/api/v1/probe/crash', {
      headers: { 'X-Request-Id': 'crash-1' },
    });
    expect(response.status).toBe(500);
    const problem = await readProblem(response);
    expect(problem.code).toBe('INTERNAL_ERROR');
    expect(problem.requestId).toBe('crash-1');
    expect(problem.detail).toContain('crash-1');
    const text = JSON.stringify(problem);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('postgres://');
    expect(text).not.toMatch(/stack|at \w+ \(/);
  });

  it('answers 503 with Retry-After when the database has no connection left, so a till retries', async () => {
    const response = await requestApp(app, '/api/v1/probe/too-many-connections', {
      headers: { 'Accept-Language': 'en' },
    });
    expect(response.status).toBe(503);
    expect(response.headers.get('Retry-After')).toBe('5');
    const problem = await readProblem(response);
    expect(problem.code).toBe('SERVICE_UNAVAILABLE');
    expect(problem.detail).toBe(
      'The database cannot be reached right now. Please try again shortly.',
    );
  });
});
