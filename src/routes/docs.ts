import { Scalar } from '@scalar/hono-api-reference';
import { Hono } from 'hono';
import { NONCE, secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../env';
import { appName } from '../lib/app-info';

/**
 * The API reference page: Scalar, reading /api/v1/openapi.json. Its script is a static asset
 * (/docs/scalar.js, see scripts/openapi/reference-assets.ts), so nothing is fetched from a CDN
 * and the page works offline on a local stack. Everything the page loads comes from this
 * origin; its inline start-up script carries the request's nonce.
 */
export const referenceScriptPath = '/docs/scalar.js';

export const docsRoutes = new Hono<AppEnv>().get(
  '/',
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'", NONCE],
      // The reference injects its stylesheet at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginResourcePolicy: 'same-origin',
  }),
  Scalar((c) => ({
    url: '/api/v1/openapi.json',
    cdn: referenceScriptPath,
    nonce: c.get('secureHeadersNonce'),
    pageTitle: `${appName} API`,
    withDefaultFonts: false,
    telemetry: false,
    agent: { disabled: true },
    mcp: { disabled: true },
  })),
);
