import { createMiddleware } from 'hono/factory';
import { Database } from '../db/client';
import type { AppEnv } from '../env';
import { negotiateLanguage } from '../lib/i18n';
import { createLogger, parseLogLevel } from '../lib/logger';
import { recordRequestMetric } from './request-metrics';

/** Headers worth a log line; values of sensitive ones are redacted by the logger. */
const loggedHeaders = [
  'user-agent',
  'content-type',
  'content-length',
  'accept-language',
  'authorization',
];

/** Where a request's `now` comes from; tests give the app a fixed one. */
export type Clock = () => Date;

/**
 * Builds what every handler needs (the request's clock, client address, language, logger, a
 * lazily opened database) and writes one structured log line and one metrics point per request
 * once the response is known. The database is closed after the response through waitUntil, so closing never delays
 * the client.
 */
export const requestContext = (clock: Clock) =>
  createMiddleware<AppEnv>(async (c, next) => {
    const startedAt = Date.now();
    const requestId = c.get('requestId');
    const logger = createLogger({
      level: parseLogLevel(c.env.LOG_LEVEL),
      fields: { requestId },
    });
    const database = new Database(c.env, logger);
    c.set('now', clock());
    c.set('clientAddress', c.req.header('cf-connecting-ip') ?? null);
    c.set('language', negotiateLanguage(c.req.header('Accept-Language')));
    c.set('logger', logger);
    c.set('database', database);

    try {
      await next();
    } finally {
      if (database.isOpen) c.executionCtx.waitUntil(database.close());
    }

    const url = new URL(c.req.url);
    const headers: Record<string, string> = {};
    for (const name of loggedHeaders) {
      const value = c.req.header(name);
      if (value !== undefined) headers[name] = value;
    }
    logger.info('request', {
      method: c.req.method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers,
      status: c.res.status,
      durationMs: Date.now() - startedAt,
      clientAddress: c.var.clientAddress,
      // A sale or a sync batch should open none here: its store's object does its reads.
      workerDatabase: database.hasConnected,
    });
    recordRequestMetric(c, startedAt);
  });
