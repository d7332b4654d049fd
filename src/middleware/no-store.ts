import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';

/**
 * API answers carry tokens (sign-in, refresh) and tenant data: no browser, proxy or CDN may keep
 * a copy. Every /api response says `Cache-Control: no-store`; one that depends on who is asking
 * (the request carried credentials) also says `Vary: Authorization`, so a cache that ignores
 * no-store still never hands one caller's answer to another.
 */
export const noStore = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  if (c.req.header('Authorization') !== undefined)
    c.header('Vary', 'Authorization', { append: true });
});
