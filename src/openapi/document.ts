import type { Hono } from 'hono';
import { findTargetHandler } from 'hono/utils/handler';
import { generateSpecs, uniqueSymbol } from 'hono-openapi';
import { appName, appVersion } from '../lib/app-info';
import { type ErrorCode, errorCodes } from '../lib/errors';
import {
  bilingual,
  documentedSchema,
  openApiMarker,
  problemMediaType,
  problemSchema,
} from '../lib/openapi';

/**
 * Builds the OpenAPI 3.1 document from the app's own route chains (see src/lib/openapi.ts).
 * `npm run openapi` writes it to openapi.json, which the Worker serves and a test keeps in step
 * with the code. What every route shares is added here, from what the route actually does:
 * a route with a body can answer 400/413/415, every API route 400 (an address holding a NUL), a signed-in route 401, a route with a permission
 * or a store scope 403, a route with a cursor 400 INVALID_CURSOR, a write the 404/409/422 of the
 * database's own refusals, every route 500 and 503 (the database refused to serve), and 429 (its
 * rate limit).
 */

type Json = Record<string, unknown>;
type Operation = Json & {
  parameters?: Json[];
  requestBody?: { content: Record<string, Json> };
  responses?: Record<string, Json>;
  security?: unknown[];
};

const methods = ['get', 'put', 'post', 'patch', 'delete'] as const;

const documentation = {
  openapi: '3.1.0',
  info: {
    title: `${appName} API`,
    version: appVersion,
    description: [
      'API untuk kasir offline-first restoran, kafe dan UMKM di Indonesia. Semua nominal dalam',
      'rupiah bulat (integer); waktu dalam ISO 8601 UTC; kesalahan dalam application/problem+json',
      '(Bahasa Indonesia, atau Inggris dengan `Accept-Language: en`).',
      '',
      'The API of an offline-first point of sale for Indonesian restaurants, cafés and small',
      'shops. Money is integer rupiah; times are ISO 8601 in UTC; every error is',
      'application/problem+json (Bahasa Indonesia, English with `Accept-Language: en`).',
      '',
      '`x-permissions` on an operation names what the caller must hold; `x-approvable-permissions`',
      'what the caller must hold or have approved at the till by someone who does (PIN approval);',
      '`x-store-scope` says which',
      'part of the request names the store the caller must work in (owners work in every store of',
      'their company, everyone else in the stores they are assigned to). Another company’s data',
      'is always 404.',
    ].join('\n'),
  },
  servers: [{ url: '/', description: 'This deployment' }],
  tags: [
    { name: 'health', description: 'Kesehatan layanan · Service health' },
    { name: 'info', description: 'Tentang API · About the API' },
    { name: 'auth', description: 'Masuk, sesi perangkat, PIN · Sign-in, device sessions, PINs' },
    { name: 'me', description: 'Akun sendiri · Your own account' },
    { name: 'users', description: 'Staf · Staff' },
    { name: 'company', description: 'Perusahaan sendiri · Your own company' },
    { name: 'stores', description: 'Toko dan pengaturannya · Stores and their settings' },
    {
      name: 'platform',
      description: 'Operator kasir-edge: perusahaan penyewa · Our operators: tenant companies',
    },
    { name: 'audit', description: 'Log audit · Audit log' },
    { name: 'catalog', description: 'Kategori, produk, harga · Categories, products, prices' },
    { name: 'inventory', description: 'Stok · Stock' },
    { name: 'notifications', description: 'Notifikasi · Notifications' },
    { name: 'receipts', description: 'Template struk · Receipt templates' },
    { name: 'sales', description: 'Penjualan, void, refund · Sales, voids, refunds' },
    { name: 'shifts', description: 'Shift dan laci kas · Shifts and the cash drawer' },
    {
      name: 'service',
      description: 'Meja, bill terbuka dan tiket dapur · Tables, open bills and kitchen tickets',
    },
    { name: 'reports', description: 'Laporan · Reports' },
    { name: 'metrics', description: 'Metrik operasional · Operational metrics' },
    { name: 'sync', description: 'Sinkronisasi offline · Offline sync' },
  ],
  components: {
    securitySchemes: {
      bearer: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
        description: 'Access token from POST /api/v1/auth/sign-in or /auth/refresh.',
      },
      consoleSession: {
        type: 'apiKey',
        in: 'cookie',
        name: 'kasir_console',
        description:
          'The console’s refresh cookie (httpOnly, SameSite=Strict), set by POST /api/v1/auth/console/login.',
      },
    },
  },
};

const writeMethods = new Set(['put', 'post', 'patch', 'delete']);

function takesCursor(operation: Operation): boolean {
  const bodySchema = operation.requestBody?.content['application/json']?.schema as
    | { properties?: Record<string, unknown> }
    | undefined;
  return (
    operation.parameters?.some((parameter) => parameter.name === 'cursor') === true ||
    bodySchema?.properties?.cursor !== undefined
  );
}

function commonErrors(path: string, method: string, operation: Operation): ErrorCode[] {
  // Every route is rate limited (middleware/rate-limits.ts): per session, company or address.
  const codes: ErrorCode[] = ['INTERNAL_ERROR', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED'];
  // A write can meet the database's own refusals (errors.ts answerForDatabase): the loser of a
  // race at a unique index, a row removed meanwhile, a row still in use.
  if (writeMethods.has(method)) codes.push('CONFLICT', 'UNPROCESSABLE', 'NOT_FOUND');
  if (takesCursor(operation)) codes.push('INVALID_CURSOR');
  const hasInput = (operation.parameters?.length ?? 0) > 0 || operation.requestBody;
  // Any address of the API is refused when it holds a NUL (middleware/storable-url.ts).
  if (hasInput || path.startsWith('/api/')) codes.push('VALIDATION_FAILED');
  if (operation.requestBody)
    codes.push('MALFORMED_JSON', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE');
  // Signed in: the session may end, the company be suspended, the password need changing first.
  if (operation.security?.length) {
    codes.push('UNAUTHENTICATED', 'COMPANY_SUSPENDED', 'PASSWORD_CHANGE_REQUIRED');
  }
  const guarded =
    operation['x-permissions'] ||
    operation['x-approvable-permissions'] ||
    operation['x-store-scope'];
  if (guarded) codes.push('FORBIDDEN');
  if (path.includes('{')) codes.push('NOT_FOUND');
  return codes;
}

/** One response per status, its body the Problem schema narrowed to the codes of that status. */
function problemResponses(codes: readonly ErrorCode[]): Record<string, Json> {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of new Set(codes)) {
    const { status } = errorCodes[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  const responses: Record<string, Json> = {};
  for (const [status, statusCodes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[String(status)] = {
      description: statusCodes.map((code) => bilingual(errorCodes[code].title)).join('; '),
      content: {
        [problemMediaType]: {
          schema: {
            allOf: [
              { $ref: '#/components/schemas/Problem' },
              { properties: { code: { enum: statusCodes } } },
            ],
          },
        },
      },
    };
  }
  return responses;
}

function uniqueValues<T>(values: T[]): T[] {
  const seen = new Map(values.map((value) => [JSON.stringify(value), value]));
  return [...seen.values()];
}

type DocumentedSchema = ReturnType<typeof documentedSchema>;

/** Finishes one operation; returns the component schemas its documented body brought along. */
async function finishOperation(path: string, method: string, operation: Operation): Promise<Json> {
  const body = operation.requestBody?.content['application/json'];
  const documentedBody = operation['x-documented-body'] as DocumentedSchema | undefined;
  delete operation['x-documented-body'];
  let components: Json = {};
  if (documentedBody && body) {
    const resolved = await documentedBody.toOpenAPISchema();
    body.schema = resolved.schema;
    components = resolved.components.schemas ?? {};
  }
  const example = operation['x-request-example'];
  if (example !== undefined && body) body.example = example;
  delete operation['x-request-example'];

  // hono-openapi's placeholder for a route without operation(): left out, so the coverage test
  // (test/api/openapi.test.ts) names the route instead of the document promising an empty 200.
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!('description' in response)) delete operation.responses?.[status];
  }
  // Middleware of a whole sub-app is merged into each of its routes once per handler.
  if (operation.security) operation.security = uniqueValues(operation.security);
  for (const key of ['x-permissions', 'x-approvable-permissions']) {
    if (Array.isArray(operation[key])) operation[key] = uniqueValues(operation[key] as unknown[]);
  }
  const errors = [
    ...commonErrors(path, method, operation),
    ...((operation['x-errors'] as ErrorCode[]) ?? []),
  ];
  delete operation['x-errors'];
  operation.responses = { ...problemResponses(errors), ...operation.responses };
  operation.responses = Object.fromEntries(
    Object.entries(operation.responses).sort(([a], [b]) => a.localeCompare(b)),
  );
  operation.security ??= [];
  return components;
}

/** Gives hono-openapi the markers src/lib/openapi.ts puts on the middleware, under its key. */
function handOverMarkers(app: Hono<never>): void {
  for (const route of app.routes) {
    const handler = findTargetHandler(route.handler) as unknown as Record<symbol, unknown>;
    if (handler[openApiMarker]) handler[uniqueSymbol] = handler[openApiMarker];
  }
}

export async function buildOpenApiDocument(app: Hono<never>) {
  handOverMarkers(app);
  const generated = (await generateSpecs(app as never, {
    documentation: documentation as never,
    defaultValidationErrorResponse: false,
    // /api/v1/openapi.json is a route, not a static file.
    excludeStaticFile: false,
  })) as unknown as Json & { paths: Record<string, Record<string, Operation>>; components: Json };

  const paths: Record<string, Record<string, Operation>> = {};
  let bodyComponents: Json = {};
  for (const path of Object.keys(generated.paths).sort()) {
    const item = generated.paths[path] ?? {};
    for (const method of methods) {
      const operation = item[method];
      if (!operation) continue;
      bodyComponents = { ...bodyComponents, ...(await finishOperation(path, method, operation)) };
      paths[path] = { ...paths[path], [method]: operation };
    }
  }
  const problem = await documentedSchema(problemSchema, 'output').toOpenAPISchema();
  const schemas = {
    ...(generated.components.schemas as Json | undefined),
    ...bodyComponents,
    ...problem.components.schemas,
  };
  return {
    ...generated,
    paths,
    components: {
      ...generated.components,
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  };
}

export type OpenApiDocument = Awaited<ReturnType<typeof buildOpenApiDocument>>;
