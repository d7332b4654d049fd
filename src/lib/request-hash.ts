import { sha256Hex } from './encoding';

/** The value with object keys sorted and undefined members dropped, at every depth. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([key, item]) => [key, canonical(item)]),
    );
  }
  return value;
}

/**
 * A request body's fingerprint, for records a client names with its own id (a sale, a shift):
 * the same id with the same body is a retry, with another body a conflict. Key order and
 * absent members do not change it.
 */
export function requestHash(value: unknown): Promise<string> {
  return sha256Hex(JSON.stringify(canonical(value)));
}
