import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type * as z from 'zod';
// One module per language: `z.locales` would bundle every language zod has (≈ 360 KiB).
import en from 'zod/v4/locales/en.js';
import id from 'zod/v4/locales/id.js';
import { ApiError, type FieldError } from './errors';
import { type Language, negotiateLanguage } from './i18n';
import { isMessageKey, translate } from './messages';
import { documentedSchema, documents } from './openapi';

const zodLocales = { id: id(), en: en() } as const;

/** `items.0.quantity`; an empty path (the body itself) is `''`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((segment) => String(segment)).join('.');
}

/**
 * Turns zod issues into field errors in the request's language. A schema's own message is a key
 * of the message catalog (`message: 'validation.…'`); anything else is worded by zod's locale.
 */
export function toFieldErrors(
  issues: readonly z.core.$ZodIssue[],
  language: Language,
): FieldError[] {
  return issues.flatMap((issue): FieldError[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: formatPath([...issue.path, key]),
        code: 'unrecognized_key',
        message: translate({ key: 'request.unknownParameter', params: { name: key } }, language),
      }));
    }
    const message = isMessageKey(issue.message)
      ? translate({ key: issue.message }, language)
      : localizeZodIssue(issue, language);
    return [{ path: formatPath(issue.path), code: issue.code, message }];
  });
}

function localizeZodIssue(issue: z.core.$ZodIssue, language: Language): string {
  const localized = zodLocales[language].localeError?.(issue as z.core.$ZodRawIssue);
  if (typeof localized === 'string') return localized;
  return localized?.message ?? issue.message;
}

/**
 * The one validation middleware: zod for the given part of the request; on failure an ApiError
 * VALIDATION_FAILED with every field's path, in the request's language. Inputs are parsed with
 * reportInput so messages can say what was received; the input itself never reaches the client.
 * The schema is also what the OpenAPI document shows for that part of the request.
 */
export function validate<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
) {
  const failOnInvalid = (result: { success: boolean; error?: z.core.$ZodError }, c: Context) => {
    if (result.success || !result.error) return;
    const language = negotiateLanguage(c.req.header('Accept-Language'));
    const errors = toFieldErrors(result.error.issues, language);
    throw new ApiError('VALIDATION_FAILED', {
      detail: { key: 'request.validationFailed', params: { count: errors.length } },
      errors,
    });
  };
  const middleware = zValidator(target, schema, failOnInvalid, {
    // The library's result type is a conditional type that TypeScript cannot match against
    // zod's own; the value is exactly what zValidator would have produced by itself.
    validationFunction: (validated, value) =>
      validated.safeParseAsync(value, { reportInput: true }) as never,
  });
  // The same schema, as the generated document describes this part of the request.
  return documents(middleware, { target, ...documentedSchema(schema, 'input') });
}
