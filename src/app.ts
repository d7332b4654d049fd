import { Hono } from 'hono';
import { cors } from 'hono/cors';
import { methodNotAllowed } from 'hono/method-not-allowed';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from './env';
import { allowedOrigins } from './lib/cors-origins';
import { ApiError } from './lib/errors';
import { uuidv7 } from './lib/ids';
import { compressLargeResponses } from './middleware/compress';
import { jsonBody } from './middleware/json-body';
import { noStore } from './middleware/no-store';
import { handleError, problemResponse } from './middleware/problem';
import { limitAnonymous } from './middleware/rate-limits';
import { type Clock, requestContext } from './middleware/request-context';
import { storableUrl } from './middleware/storable-url';
import { docsRoutes } from './routes/docs';
import { healthRoutes } from './routes/health';
import { v1Routes } from './routes/v1';

/**
 * The API. Middleware order matters: the request id comes first so every log line and error
 * carries it; the request context (language, logger, database) before anything that can fail;
 * body guards only where bodies are accepted.
 */
export interface AppOptions {
  /** The clock every request reads its `now` from (tests pass a fixed one). */
  clock?: Clock;
}

export function createApp({ clock = () => new Date() }: AppOptions = {}) {
  const app = new Hono<AppEnv>();

  app.use(requestId({ limitLength: 128, generator: () => uuidv7() }));
  app.use(requestContext(clock));
  app.use(
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, allowed) =>
        problemResponse(
          c,
          new ApiError('METHOD_NOT_ALLOWED', {
            detail: {
              key: 'request.methodNotAllowed',
              params: { method: c.req.method, path: c.req.path, allowed: allowed.join(', ') },
            },
            headers: { Allow: allowed.join(', ') },
          }),
        ),
    }),
  );
  const apiSecurityHeaders = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: 'same-site',
  });
  // The reference page is the one HTML page; it sets its own, looser policy (src/routes/docs.ts).
  app.use((c, next) => (c.req.path === '/docs' ? next() : apiSecurityHeaders(c, next)));
  app.use(
    cors({
      origin: (origin, c) => (allowedOrigins(c.env.CORS_ORIGINS).has(origin) ? origin : null),
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: [
        'Authorization',
        'Content-Type',
        'Content-Encoding',
        'Accept-Language',
        'X-Request-Id',
        'If-Match',
        'X-Kasir-Console',
      ],
      exposeHeaders: [
        'X-Request-Id',
        'Retry-After',
        'ETag',
        'Content-Language',
        'Content-Disposition',
        'RateLimit-Limit',
        'RateLimit-Remaining',
        'RateLimit-Reset',
        'RateLimit-Policy',
      ],
      maxAge: 600,
      // The console's refresh cookie (routes/v1/auth/console.ts) crosses from its origin.
      credentials: true,
    }),
  );
  app.use(compressLargeResponses(1024));
  app.use(limitAnonymous);
  app.use('/api/*', noStore);
  app.use('/api/*', storableUrl);
  app.use('/api/*', jsonBody());

  // Chained, so the App type carries every route for the typed client (src/client.ts).
  const routes = app
    .route('/health', healthRoutes)
    .route('/api/v1', v1Routes)
    .route('/docs', docsRoutes);

  app.notFound((c) =>
    problemResponse(
      c,
      new ApiError('ROUTE_NOT_FOUND', {
        detail: { key: 'request.routeNotFound', params: { path: c.req.path } },
      }),
    ),
  );
  app.onError(handleError);
  return routes;
}

export type App = ReturnType<typeof createApp>;
