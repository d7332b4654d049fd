import { type ClientRequestOptions, hc } from 'hono/client';
import type { App } from './app';

/**
 * The typed client of the API, for the console and the PWA: paths, parameters, bodies and
 * success bodies are those of the route chains themselves, so a route change that breaks a
 * caller breaks its typecheck. Errors arrive as problem+json (see openapi.json).
 *
 *   const api = createClient('https://api.example', { headers: { Authorization: `Bearer ${t}` } });
 *   const response = await api.api.v1.categories.$get();
 */
export function createClient(baseUrl: string, options?: ClientRequestOptions) {
  return hc<App>(baseUrl, options);
}

export type ApiClient = ReturnType<typeof createClient>;
export type { App };
