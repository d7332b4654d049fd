import { Hono } from 'hono';
import * as z from 'zod';
import type { AppEnv } from '../../env';
import { timestamp } from '../../lib/api-schemas';
import { appName, appVersion } from '../../lib/app-info';
import { languages } from '../../lib/i18n';
import { operation } from '../../lib/openapi';

export const apiInfoSchema = z
  .object({
    name: z.string().meta({ example: appName }),
    version: z.string(),
    apiVersion: z.literal('v1'),
    environment: z.string().meta({ example: 'production' }),
    serverTime: timestamp,
    languages: z.array(z.enum(languages)),
    errors: z.literal('application/problem+json'),
    openapi: z.literal('/api/v1/openapi.json'),
    reference: z.literal('/docs'),
  })
  .meta({ id: 'ApiInfo' });

/** What a client can learn before signing in: which API this is and where it is described. */
export const infoRoutes = new Hono<AppEnv>()
  .get(
    '/',
    operation({
      operationId: 'getApiInfo',
      tag: 'info',
      summary: { id: 'Tentang API ini', en: 'About this API' },
      description: {
        id: 'Versi, waktu server (untuk jam kasir), bahasa, dan di mana dokumen OpenAPI berada.',
        en: 'Version, server time (for till clocks), languages, and where the OpenAPI document is.',
      },
      responses: {
        200: { description: { id: 'Info API', en: 'API info' }, schema: apiInfoSchema },
      },
    }),
    (c) =>
      c.json({
        name: appName,
        version: appVersion,
        apiVersion: 'v1' as const,
        environment: c.env.ENVIRONMENT,
        serverTime: c.var.now.toISOString(),
        languages: [...languages],
        errors: 'application/problem+json' as const,
        openapi: '/api/v1/openapi.json' as const,
        reference: '/docs' as const,
      }),
  )
  .get(
    '/openapi.json',
    operation({
      operationId: 'getOpenApiDocument',
      tag: 'info',
      summary: { id: 'Dokumen OpenAPI 3.1', en: 'The OpenAPI 3.1 document' },
      description: {
        id: 'Dokumen ini: setiap rute dengan skema permintaan dan jawabannya.',
        en: 'This document: every route with its request and response schemas.',
      },
      responses: {
        200: {
          description: { id: 'Dokumen OpenAPI', en: 'The OpenAPI document' },
          schema: z.looseObject({ openapi: z.literal('3.1.0') }),
        },
      },
    }),
    async (c) => {
      // The committed openapi.json, a static asset (scripts/openapi/reference-assets.ts).
      const asset = await c.env.ASSETS.fetch(new URL('/docs/openapi.json', c.req.url));
      if (!asset.ok) throw new Error(`openapi.json asset: ${asset.status}`);
      return c.json((await asset.json()) as { openapi: '3.1.0' });
    },
  );
