import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../env';
import { ApiError, type FieldError } from '../lib/errors';
import { translate } from '../lib/messages';
import { isStorableText } from '../lib/storable-text';

/**
 * The address's share of input hygiene (bodies are json-body.ts's): a `%00` in the path or in a
 * query parameter decodes to a NUL, which Postgres cannot store or compare (storable-text.ts).
 * Such a request is refused before any handler reads it. Invalid percent-encoded UTF-8 decodes
 * to U+FFFD and headers cannot hold a NUL at all, so the NUL is the only character to look for.
 */
export const storableUrl = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.req.url.includes('%00')) return next();
  const { pathname, searchParams } = new URL(c.req.url);
  const message = translate({ key: 'validation.unstorableText' }, c.get('language'));
  const errors: FieldError[] = [];
  if (pathname.includes('%00')) errors.push({ path: 'path', code: 'unstorable_text', message });
  for (const [name, value] of searchParams) {
    if (!isStorableText(name) || !isStorableText(value)) {
      errors.push({ path: isStorableText(name) ? name : '', code: 'unstorable_text', message });
    }
  }
  if (errors.length === 0) return next();
  throw new ApiError('VALIDATION_FAILED', {
    detail: { key: 'request.validationFailed', params: { count: errors.length } },
    errors,
  });
});
