import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { AppEnv } from '../env';
import {
  ApiError,
  answerLoggingUnexpected,
  type ErrorCode,
  problemContentType,
  toProblem,
} from '../lib/errors';
import { negotiateLanguage } from '../lib/i18n';

const codeByStatus: Record<number, ErrorCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/** Renders an ApiError as application/problem+json in the request's language. */
export function problemResponse(c: Context<AppEnv>, error: ApiError): Response {
  const language = c.get('language') ?? negotiateLanguage(c.req.header('Accept-Language'));
  const requestId = c.get('requestId') ?? '';
  const body = JSON.stringify(toProblem(error, language, requestId));
  const headers = new Headers(c.res.headers);
  headers.set('Content-Type', problemContentType);
  headers.set('Content-Language', language);
  for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
  return new Response(body, { status: error.status, headers });
}

/**
 * The app's onError: every failure leaves as problem+json. Known errors keep their status;
 * anything unexpected is logged and answered as errors.ts maps it: a database refusal by its
 * SQLSTATE, anything else a 500 that shows no internals.
 */
export function handleError(error: Error, c: Context<AppEnv>): Response {
  if (error instanceof ApiError) return problemResponse(c, error);

  if (error instanceof HTTPException) {
    const code = codeByStatus[error.status];
    if (code) return problemResponse(c, new ApiError(code, { cause: error }));
  }

  return problemResponse(
    c,
    answerLoggingUnexpected(error, c.get('requestId') ?? '', c.get('logger')),
  );
}
