import { describeError } from './error-description';

/**
 * Removes personal data and credentials from anything about to be logged. Keys are split into
 * words (camelCase, snake_case, kebab-case) so `refreshToken`, `x-api-key` and `owner_phone` are
 * all caught; free text is scrubbed of bearer tokens, JWTs, e-mail addresses and phone numbers.
 */
export const REDACTED = '[REDACTED]';

const sensitiveWords = new Set([
  'password',
  'passcode',
  'pin',
  'token',
  'secret',
  'authorization',
  'cookie',
  'apikey',
  'phone',
  'email',
  'npwp',
  'fingerprint',
]);

const sensitivePatterns: RegExp[] = [
  /(?<=\b[a-z][\w+.-]*:\/\/[^\s:/@]*:)[^\s@/]+(?=@)/gi, // the password in scheme://user:password@host
  /\bBearer\s+[\w.~+/-]+=*/gi,
  /\beyJ[\w-]+\.[\w-]+\.[\w-]+/g, // a JWT
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g, // an e-mail address
  /(?<![\w-])(\+62|62|0)8\d{7,11}\b/g, // an Indonesian mobile number
];

const maxDepth = 8;

function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function hasWordIn(key: string, words: ReadonlySet<string>): boolean {
  const parts = keyWords(key);
  const adjacentPairs = parts.slice(1).map((part, index) => `${parts[index]}${part}`);
  return [...parts, ...adjacentPairs].some((part) => words.has(part));
}

export function isSensitiveKey(key: string): boolean {
  return hasWordIn(key, sensitiveWords);
}

export function redactText(text: string): string {
  return sensitivePatterns.reduce((result, pattern) => result.replace(pattern, REDACTED), text);
}

/** For logs: credentials and personal data, by key and inside free text. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= maxDepth) return '[TRUNCATED]';
  if (Array.isArray(value)) return value.map((item) => redact(item, depth + 1));
  if (value instanceof Error) return describeError(value, redactText);
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = isSensitiveKey(key) ? REDACTED : redact(item, depth + 1);
  }
  return result;
}

const credentialWords = new Set([
  'password',
  'passcode',
  'pin',
  'token',
  'secret',
  'hash',
  'fingerprint',
  'apikey',
]);

/**
 * For the audit trail: credentials only. Names, e-mail and phone stay, because "who changed this
 * user's e-mail from what to what" is the point of an audit row, and only staff allowed to see
 * the users can read it.
 */
export function redactCredentials(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (depth >= maxDepth) return '[TRUNCATED]';
  if (Array.isArray(value)) return value.map((item) => redactCredentials(item, depth + 1));
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    result[key] = hasWordIn(key, credentialWords) ? REDACTED : redactCredentials(item, depth + 1);
  }
  return result;
}
