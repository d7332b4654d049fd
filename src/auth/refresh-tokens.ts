import { randomBytes, sha256Hex, toBase64Url } from '../lib/encoding';

export const refreshTokenLifetimeSeconds = 30 * 24 * 60 * 60;
/** A device session lives as long as its newest refresh token: each refresh extends both. */
export const deviceSessionLifetimeSeconds = refreshTokenLifetimeSeconds;

/** 256 random bits, base64url. Only its SHA-256 is stored. */
export function newRefreshToken(): string {
  return toBase64Url(randomBytes(32));
}

export function hashRefreshToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** The device fingerprint is stored hashed too: it identifies a device, it is not a secret. */
export function hashFingerprint(fingerprint: string): Promise<string> {
  return sha256Hex(`fingerprint:${fingerprint}`);
}

export function secondsFrom(now: Date, seconds: number): Date {
  return new Date(now.getTime() + seconds * 1000);
}
