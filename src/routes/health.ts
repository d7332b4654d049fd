import { sql } from 'drizzle-orm';
import { Hono } from 'hono';
import type { AppEnv } from '../env';
import { appName, appVersion } from '../lib/app-info';

/**
 * Liveness and readiness for monitors and for an operator at 3 a.m.: is the Worker up, can it
 * reach the database, and which migrations has that database got. Not behind auth; shows no
 * secrets. Shape after the IETF health-check draft (`pass` / `fail`).
 */
export const healthRoutes = new Hono<AppEnv>().get('/', async (c) => {
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
});
