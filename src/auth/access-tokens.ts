import {
  createLocalJWKSet,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  jwtVerify,
  SignJWT,
} from 'jose';
import type { CompanyPlan, UserRole } from '../db/schema';
import { companyPlans, userRoles } from '../db/schema';

/**
 * Short-lived access tokens: JWTs signed with Ed25519 (alg EdDSA) and a `kid`. The signing key is
 * the secret JWT_SIGNING_KEY (a private JWK); JWT_VERIFY_KEYS (a JWKS of public keys) lists every
 * key still accepted, so keys rotate by adding the new public key, switching the signing key, and
 * removing the old public key once its last tokens have expired.
 */
export const accessTokenAlgorithm = 'EdDSA';
export const accessTokenLifetimeSeconds = 15 * 60;
export const accessTokenAudience = 'kasir-edge-api';
const tokenType = 'access';
const headerType = 'at+jwt';

export interface AccessTokenKeysConfig {
  JWT_SIGNING_KEY?: string;
  JWT_VERIFY_KEYS?: string;
  ENVIRONMENT: string;
}

export interface AccessClaims {
  userId: string;
  companyId: string;
  role: UserRole;
  sessionId: string;
  /** The company's plan when the token was issued (its rate limits); absent in older tokens. */
  plan?: CompanyPlan;
}

/** Tokens of one environment are never accepted by another, even if keys were shared by mistake. */
export function accessTokenIssuer(environment: string): string {
  return `kasir-edge/${environment}`;
}

interface LoadedKeys {
  kid: string;
  signingKey: CryptoKey;
  verificationKeys: JWTVerifyGetKey;
}

// Imported keys are plain values (no I/O), so caching them per isolate is safe.
const keyCache = new Map<string, Promise<LoadedKeys>>();

function parseJson<T>(value: string | undefined, name: string): T {
  if (!value) throw new Error(`${name} is not configured`);
  try {
    return JSON.parse(value) as T;
  } catch {
    throw new Error(`${name} is not valid JSON`);
  }
}

async function loadKeys(config: AccessTokenKeysConfig): Promise<LoadedKeys> {
  const cacheKey = `${config.JWT_SIGNING_KEY}\n${config.JWT_VERIFY_KEYS}`;
  let loaded = keyCache.get(cacheKey);
  if (!loaded) {
    loaded = (async () => {
      const privateJwk = parseJson<JWK>(config.JWT_SIGNING_KEY, 'JWT_SIGNING_KEY');
      if (!privateJwk.kid) throw new Error('JWT_SIGNING_KEY needs a kid');
      const signingKey = await importJWK(privateJwk, accessTokenAlgorithm);
      const { d: _private, ...publicJwk } = privateJwk;
      const jwks = config.JWT_VERIFY_KEYS
        ? parseJson<JSONWebKeySet>(config.JWT_VERIFY_KEYS, 'JWT_VERIFY_KEYS')
        : { keys: [publicJwk] };
      if (jwks.keys.some((key) => 'd' in key))
        throw new Error('JWT_VERIFY_KEYS must hold public keys only');
      return {
        kid: privateJwk.kid,
        signingKey: signingKey as CryptoKey,
        verificationKeys: createLocalJWKSet(jwks),
      };
    })();
    loaded.catch(() => keyCache.delete(cacheKey));
    keyCache.set(cacheKey, loaded);
  }
  return loaded;
}

export async function issueAccessToken(
  config: AccessTokenKeysConfig,
  claims: AccessClaims,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const keys = await loadKeys(config);
  const issuedAt = Math.floor(now.getTime() / 1000);
  const expiresAt = issuedAt + accessTokenLifetimeSeconds;
  const token = await new SignJWT({
    cid: claims.companyId,
    role: claims.role,
    sid: claims.sessionId,
    ...(claims.plan ? { plan: claims.plan } : {}),
    typ: tokenType,
  })
    .setProtectedHeader({ alg: accessTokenAlgorithm, kid: keys.kid, typ: headerType })
    .setSubject(claims.userId)
    .setIssuer(accessTokenIssuer(config.ENVIRONMENT))
    .setAudience(accessTokenAudience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(expiresAt)
    .sign(keys.signingKey);
  return { token, expiresAt: new Date(expiresAt * 1000) };
}

/**
 * Verifies signature (EdDSA only: `none`, HS256 and anything else are refused before any key is
 * used), issuer, audience, expiry and type, and returns the claims; undefined when any check fails.
 */
export async function verifyAccessToken(
  config: AccessTokenKeysConfig,
  token: string,
): Promise<AccessClaims | undefined> {
  const keys = await loadKeys(config);
  try {
    const { payload } = await jwtVerify(token, keys.verificationKeys, {
      algorithms: [accessTokenAlgorithm],
      issuer: accessTokenIssuer(config.ENVIRONMENT),
      audience: accessTokenAudience,
      typ: headerType,
      requiredClaims: ['sub', 'exp', 'iat'],
      clockTolerance: 5,
    });
    const { sub, cid, role, sid, typ, plan } = payload;
    if (typ !== tokenType || typeof sub !== 'string' || typeof cid !== 'string') return undefined;
    if (typeof sid !== 'string' || !userRoles.includes(role as UserRole)) return undefined;
    return {
      userId: sub,
      companyId: cid,
      role: role as UserRole,
      sessionId: sid,
      ...(companyPlans.includes(plan as CompanyPlan) ? { plan: plan as CompanyPlan } : {}),
    };
  } catch {
    return undefined;
  }
}
