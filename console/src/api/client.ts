import createClient, { type Middleware } from 'openapi-fetch';
import { freshAccessToken, refreshSession } from '../auth/session';
import { currentLanguage } from '../i18n/language';
import { apiBaseUrl } from './base-url';
import { problemOf } from './problem';
import type { paths } from './schema';

/**
 * The typed client of the API, generated from openapi.json (`npm run api-types`): paths,
 * parameters, bodies and answers are the document's, so a route change that breaks the console
 * breaks its typecheck. (The Worker's own hc<App> client needs the Workers types, whose globals
 * clash with the browser's; the document is the same contract, checked for drift by the tests.)
 *
 * Every request carries the access token and the language; a 401 gets one refresh and one
 * retry; any other refusal is thrown as a ProblemError, so callers only handle success.
 */
const retryCopies = new WeakMap<Request, Request>();

const authentication: Middleware = {
  async onRequest({ request }) {
    const token = await freshAccessToken();
    if (token) request.headers.set('Authorization', `Bearer ${token}`);
    request.headers.set('Accept-Language', currentLanguage());
    retryCopies.set(request, request.clone());
    return request;
  },
  async onResponse({ request, response }) {
    if (response.status !== 401) return response;
    const copy = retryCopies.get(request);
    const next = copy ? await refreshSession() : null;
    if (!copy || !next) return response;
    copy.headers.set('Authorization', `Bearer ${next.accessToken}`);
    return fetch(copy);
  },
};

const refusals: Middleware = {
  async onResponse({ response }) {
    if (!response.ok) throw await problemOf(response);
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: apiBaseUrl, credentials: 'include' });
api.use(refusals, authentication);

/** The body of a successful answer (refusals were thrown by the middleware above). */
export async function data<T>(call: Promise<{ data?: T }>): Promise<T> {
  const { data: body } = await call;
  return body as T;
}
