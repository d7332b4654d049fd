import { constantTimeEqual, fromBase64Url, randomBytes, toBase64Url, utf8 } from '../lib/encoding';

/**
 * Password (and PIN) hashes: PBKDF2-SHA-256 through WebCrypto, 100,000 iterations (the most
 * workerd allows), a random 16-byte salt per hash. Stored as
 * `pbkdf2-sha256$<iterations>$<salt>$<hash>` so the parameters travel with the hash and can be
 * raised later (needsRehash) without breaking old ones. Works in workerd and in Node (the seed).
 */
const algorithm = 'pbkdf2-sha256';
export const passwordIterations = 100_000;
const saltBytes = 16;
const hashBits = 256;

async function derive(secret: string, salt: Uint8Array<ArrayBuffer>, iterations: number) {
  const key = await crypto.subtle.importKey('raw', utf8(secret), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key,
    hashBits,
  );
  return new Uint8Array(bits);
}

export async function hashPassword(
  secret: string,
  iterations = passwordIterations,
): Promise<string> {
  const salt = randomBytes(saltBytes);
  const hash = await derive(secret, salt, iterations);
  return [algorithm, iterations, toBase64Url(salt), toBase64Url(hash)].join('$');
}

interface ParsedHash {
  iterations: number;
  salt: Uint8Array<ArrayBuffer>;
  hash: Uint8Array<ArrayBuffer>;
}

function parseHash(stored: string): ParsedHash | undefined {
  const [name, iterations, salt, hash] = stored.split('$');
  const count = Number(iterations);
  if (name !== algorithm || !Number.isInteger(count) || count < 1 || !salt || !hash)
    return undefined;
  return { iterations: count, salt: fromBase64Url(salt), hash: fromBase64Url(hash) };
}

export async function verifyPassword(secret: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const candidate = await derive(secret, parsed.salt, parsed.iterations);
  return constantTimeEqual(candidate, parsed.hash);
}

export function needsRehash(stored: string): boolean {
  return parseHash(stored)?.iterations !== passwordIterations;
}

/**
 * A real hash (same algorithm and cost) of a random secret nobody knows, checked when the account
 * does not exist, so an unknown e-mail costs the same time as a wrong password.
 */
export const decoyPasswordHash =
  'pbkdf2-sha256$100000$tDP0rFyozRvHtI4LCFuMbw$mB4O416R5NZJGRzBm-EqRD5R2X91q-3REzTjr52jW0w';
