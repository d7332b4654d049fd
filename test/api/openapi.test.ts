import { describe, expect, it } from 'vitest';
import committed from '../../openapi.json';
import { createApp } from '../../src/app';
import { openApiJson } from '../../src/openapi/generate';
import { ContractViolation, checkContract, currentDocument } from '../support/contract';
import { request } from '../support/worker';

/** Pages that are not part of the API itself, with the reason they are not in the document. */
const undocumented = new Map([['GET /docs', 'the HTML reference page that renders the document']]);

const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;

interface Operation {
  operationId?: string;
  summary?: string;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

async function operations() {
  const document = await currentDocument();
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => {
      const operation = (item as Record<string, Operation | undefined>)[method];
      return operation ? [{ path, method, operation }] : [];
    }),
  );
}

/** Every schema object of a document part, with where it is. */
function* schemasIn(value: unknown, at: string): Generator<[string, unknown]> {
  if (value === null || typeof value !== 'object') return;
  for (const [key, member] of Object.entries(value)) {
    const where = `${at}/${key}`;
    if (key === 'schema') yield [where, member];
    yield* schemasIn(member, where);
  }
}

describe('the OpenAPI document', () => {
  it('is committed as the code generates it (run `npm run openapi` after changing a route)', async () => {
    expect(JSON.parse(await openApiJson())).toEqual(committed);
  });

  it('describes every route of the app with a summary, an operation id and its success answer', async () => {
    const documented = await currentDocument();
    const missing: string[] = [];
    for (const route of createApp().routes) {
      if (route.method === 'ALL' || route.path.includes('*')) continue;
      const key = `${route.method} ${route.path}`;
      if (undocumented.has(key)) continue;
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      const operation = (documented.paths as Record<string, Record<string, Operation>>)[path]?.[
        route.method.toLowerCase()
      ];
      const success = Object.keys(operation?.responses ?? {}).some((status) =>
        status.startsWith('2'),
      );
      if (!operation?.summary || !success) missing.push(key);
    }
    expect([...new Set(missing)]).toEqual([]);
  });

  it('gives each operation its own id', async () => {
    const ids = (await operations()).map(({ operation }) => operation.operationId);
    expect(ids.length).toBeGreaterThan(50);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has no empty schema a response could satisfy by accident (a transform zod cannot express)', async () => {
    const document = await currentDocument();
    const empty = [
      ...schemasIn(document.paths, '#/paths'),
      ...schemasIn(document.components, '#/components'),
    ]
      .filter(([, schema]) => typeof schema === 'object' && Object.keys(schema ?? {}).length === 0)
      .map(([where]) => where);
    expect(empty).toEqual([]);
  });

  it('documents every problem as application/problem+json with the codes of its status', async () => {
    for (const { path, method, operation } of await operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || path === '/health') continue;
        expect(Object.keys(response.content ?? {}), `${method} ${path} ${status}`).toEqual([
          'application/problem+json',
        ]);
      }
    }
  });

  it('is served at /api/v1/openapi.json as OpenAPI 3.1', async () => {
    const response = await request('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    const served = await response.json<{ openapi: string; paths: Record<string, unknown> }>();
    expect(served.openapi).toBe('3.1.0');
    expect(served).toEqual(committed);
  });
});

describe('the contract check', () => {
  const info = new Request('http://kasir.test/api/v1');
  const json = (body: unknown, status = 200, type = 'application/json') =>
    new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });

  it('passes a real answer and refuses an extra field, a wrong type, a status or media type not documented', async () => {
    const real = await request('/api/v1');
    const body = await real.json<Record<string, unknown>>();
    await expect(checkContract(info, json(body))).resolves.toBeUndefined();
    await expect(checkContract(info, json({ ...body, secret: 1 }))).rejects.toThrow(
      ContractViolation,
    );
    await expect(
      checkContract(info, json({ ...body, serverTime: '2026-12-03 10:24:47.695+00' })),
    ).rejects.toThrow(/does not match/);
    await expect(checkContract(info, json(body, 418))).rejects.toThrow(/status not documented/);
    await expect(checkContract(info, json(body, 200, 'text/plain'))).rejects.toThrow(/media type/);
  });
});

describe('the reference page', () => {
  it('renders Scalar from this origin only, its inline script allowed by the nonce', async () => {
    const response = await request('/docs');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('<script src="/docs/scalar.js"');
    expect(html).toContain('/api/v1/openapi.json');
    expect(html).not.toMatch(/https?:\/\//);
    const policy = response.headers.get('Content-Security-Policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(policy)?.[1];
    expect(nonce).toMatch(/^[\w+/=-]{16,}$/);
    expect(html).toContain(`nonce="${nonce}"`);
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('keeps the API’s own strict policy everywhere else', async () => {
    const response = await request('/api/v1');
    expect(response.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
  });
});
