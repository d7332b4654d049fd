import { z } from 'zod';
import { createApp } from '../../src/app';
import { validate } from '../../src/lib/validation';

/**
 * The real app with two extra routes that exercise the shared machinery (validation, body
 * guards, the error handler) before the resource routes of later issues exist.
 */
export function createProbeApp() {
  const app = createApp();
  const itemSchema = z.object({
    variantId: z.uuid(),
    quantity: z.number().int().positive(),
  });
  app.post(
    '/api/v1/probe',
    validate('json', z.object({ storeId: z.uuid(), items: z.array(itemSchema).min(1) })),
    (c) => c.json({ received: c.req.valid('json') }, 201),
  );
  app.get(
    '/api/v1/probe',
    validate(
      'query',
      z.strictObject({ limit: z.coerce.number().int().min(1).max(100).optional() }),
    ),
    (c) => c.json({ query: c.req.valid('query') }),
  );
  app.get('/api/v1/probe/crash', () => {
    throw new Error('connection string postgres://admin:hunter2@db.internal/kasir refused');
  });
  // What the driver throws when Postgres has no connection left (drizzle wraps it as the cause).
  app.get('/api/v1/probe/too-many-connections', () => {
    const refused = Object.assign(new Error('sorry, too many clients already'), {
      code: '53300',
      severity: 'FATAL',
    });
    throw new Error('Failed query: select 1', { cause: refused });
  });
  return app;
}
