import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { appName, appVersion } from '../lib/app-info';
import { operation } from '../lib/openapi';
import { healthFailSchema, healthPassSchema } from './health-schemas';

/**
 * Liveness and readiness for monitors and for an operator at 3 a.m.: is the Worker up, can it
 * reach the database, and which migrations has that database got. Not behind auth; shows no
 * secrets. Shape after the IETF health-check draft (`pass` / `fail`).
 */
export const healthRoutes = new Hono<AppEnv>().get(
  '/',
  operation({
    operationId: 'getHealth',
    tag: 'health',
    summary: { id: 'Kesehatan layanan', en: 'Service health' },
    description: {
      id:
        'Untuk pemantau: Worker hidup dan database terjangkau (200 pass), atau tidak (503 fail). ' +
        'Tanpa autentikasi; tidak menampilkan rahasia.',
      en:
        'For monitors: the Worker is up and reaches the database (200 pass), or not (503 fail). ' +
        'No authentication; shows no secrets.',
    },
    responses: {
      200: { description: { id: 'Sehat', en: 'Healthy' }, schema: healthPassSchema },
      503: {
        description: { id: 'Database tidak terjangkau', en: 'The database is unreachable' },
        schema: healthFailSchema,
      },
    },
  }),
  async (c) => {
    const startedAt = Date.now();
    try {
      const result = await c.var.database.db.execute<{ migrations: number }>(
        sql`select count(*)::int as migrations from drizzle.__drizzle_migrations`,
      );
      return c.json({
        status: 'pass',
        service: appName,
        version: appVersion,
        environment: c.env.ENVIRONMENT,
        database: {
          status: 'pass',
          latencyMs: Date.now() - startedAt,
          migrationsApplied: result.rows[0]?.migrations ?? 0,
        },
      });
    } catch (error) {
      c.var.logger.error('health check: database unreachable', { error });
      return c.json(
        {
          status: 'fail',
          service: appName,
          version: appVersion,
          environment: c.env.ENVIRONMENT,
          database: { status: 'fail', latencyMs: Date.now() - startedAt },
        },
        503,
      );
    }
  },
);
