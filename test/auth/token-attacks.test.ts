import { env } from 'cloudflare:workers';
import {
  base64url,
  decodeJwt,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTPayload,
  SignJWT,
  UnsecuredJWT,
} from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import type { User } from '../../src/db/schema';
import { type SignedIn, signIn } from '../support/auth';
import { createCompany } from '../support/factories';
import { request } from '../support/worker';
import { companyWithOwner, expectUnauthenticated, staff } from './helpers';

/**
 * Forged and altered access tokens against a protected route. Every token here is built from a
 * real, live session, so the only thing wrong with it is the one thing each test changes.
 */
const issuer = 'kasir-edge/test';
const audience = 'kasir-edge-api';
const signingJwk = JSON.parse(env.JWT_SIGNING_KEY) as JWK;

let cashier: User;
let session: SignedIn;
let claims: { sub: string; cid: string; sid: string; role: string };

beforeAll(async () => {
  const company = await createCompany();
  cashier = await staff(company.id, 'cashier');
  session = await signIn(cashier);
  const { sub, cid, sid, role } = decodeJwt(session.accessToken) as Record<string, string>;
  claims = { sub: sub ?? '', cid: cid ?? '', sid: sid ?? '', role: role ?? '' };
});

interface TokenOptions {
  key?: CryptoKey | Uint8Array;
  alg?: string;
  kid?: string;
  subject?: string;
  issuer?: string;
  audience?: string;
  issuedAt?: number;
  expiresAt?: number;
  payload?: JWTPayload;
}

/** A token shaped exactly like the Worker's own, signed with the real key unless told. */
async function forge(options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const { sub, ...rest } = claims;
  const key = options.key ?? (await importJWK(signingJwk, 'EdDSA'));
  return new SignJWT({ ...rest, typ: 'access', ...options.payload })
    .setProtectedHeader({
      alg: options.alg ?? 'EdDSA',
      kid: options.kid ?? signingJwk.kid ?? '',
      typ: 'at+jwt',
    })
    .setSubject(options.subject ?? sub)
    .setIssuer(options.issuer ?? issuer)
    .setAudience(options.audience ?? audience)
    .setIssuedAt(options.issuedAt ?? now)
    .setExpirationTime(options.expiresAt ?? now + 600)
    .sign(key);
}

function me(token: string) {
  return request('/api/v1/me', { headers: { Authorization: `Bearer ${token}` } });
}

async function expectRefused(token: string) {
  await expectUnauthenticated(await me(token));
}

describe('access tokens the Worker must accept', () => {
  it('accepts a token it did not issue itself but signed with its own key (positive control)', async () => {
    const response = await me(await forge());
    expect(response.status).toBe(200);
    expect((await response.json<{ user: { id: string } }>()).user.id).toBe(cashier.id);
  });

  it('takes the role from the database, not from the token', async () => {
    const response = await me(await forge({ payload: { role: 'owner' } }));
    expect(response.status).toBe(200);
    const body = await response.json<{ user: { role: string }; permissions: string[] }>();
    expect(body.user.role).toBe('cashier');
    expect(body.permissions).toEqual(['sales.create']);
  });
});

describe('access tokens the Worker must refuse', () => {
  it('refuses a request without an Authorization header', async () => {
    await expectUnauthenticated(await request('/api/v1/me'), 'auth.tokenMissing');
  });

  it('refuses a non-Bearer scheme carrying a valid token', async () => {
    const response = await request('/api/v1/me', {
      headers: { Authorization: `Basic ${session.accessToken}` },
    });
    await expectUnauthenticated(response, 'auth.tokenMissing');
  });

  it('refuses an unsigned token (alg none), with or without a signature segment', async () => {
    const unsigned = new UnsecuredJWT({
      cid: claims.cid,
      sid: claims.sid,
      role: 'owner',
      typ: 'access',
    })
      .setSubject(claims.sub)
      .setIssuer(issuer)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .encode();
    await expectRefused(unsigned);
    const [header, payload] = session.accessToken.split('.');
    const noneHeader = base64url.encode(JSON.stringify({ alg: 'none', typ: 'at+jwt' }));
    await expectRefused(`${noneHeader}.${payload}.`);
    await expectUnauthenticated(await me(`${unsigned}${header}`), 'auth.tokenInvalid');
  });

  it('refuses HS256 tokens whose HMAC secret is the public key', async () => {
    const publicJwk = JSON.parse(env.JWT_VERIFY_KEYS ?? '{"keys":[]}').keys[0] as JWK;
    const encoder = new TextEncoder();
    const secrets = [
      encoder.encode(env.JWT_VERIFY_KEYS),
      encoder.encode(JSON.stringify(publicJwk)),
      base64url.decode(publicJwk.x ?? ''),
    ];
    for (const secret of secrets) {
      await expectUnauthenticated(
        await me(await forge({ key: secret, alg: 'HS256' })),
        'auth.tokenInvalid',
      );
    }
  });

  it('refuses a valid token whose payload was changed', async () => {
    const [header, payload, signature] = session.accessToken.split('.');
    const decoded = JSON.parse(new TextDecoder().decode(base64url.decode(payload ?? '')));
    const tampered = base64url.encode(JSON.stringify({ ...decoded, role: 'owner' }));
    await expectUnauthenticated(
      await me(`${header}.${tampered}.${signature}`),
      'auth.tokenInvalid',
    );
    expect((await me(session.accessToken)).status).toBe(200);
  });

  it('refuses an expired token', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await forge({ issuedAt: now - 3600, expiresAt: now - 60 });
    await expectUnauthenticated(await me(token), 'auth.tokenInvalid');
  });

  it('refuses a token for another audience', async () => {
    await expectUnauthenticated(
      await me(await forge({ audience: 'kasir-edge-admin' })),
      'auth.tokenInvalid',
    );
  });

  it('refuses a token from another environment (issuer)', async () => {
    for (const other of ['kasir-edge/production', 'kasir-edge/staging', 'someone-else']) {
      await expectUnauthenticated(await me(await forge({ issuer: other })), 'auth.tokenInvalid');
    }
  });

  it('refuses a token signed by another Ed25519 key that claims the same kid', async () => {
    const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
    await expectUnauthenticated(await me(await forge({ key: privateKey })), 'auth.tokenInvalid');
  });

  it('refuses a token of the wrong type (typ claim)', async () => {
    await expectUnauthenticated(
      await me(await forge({ payload: { typ: 'refresh' } })),
      'auth.tokenInvalid',
    );
  });
});

describe('signed tokens that do not match their session', () => {
  it('refuses a real session id under another user of the same company', async () => {
    const other = await staff(claims.cid, 'cashier');
    const response = await me(await forge({ subject: other.id }));
    await expectUnauthenticated(response, 'auth.sessionEnded');
  });

  it('refuses a real session id under another company', async () => {
    const { company } = await companyWithOwner();
    const response = await me(await forge({ payload: { cid: company.id } }));
    await expectUnauthenticated(response, 'auth.sessionEnded');
  });

  it('refuses a session id that does not exist', async () => {
    const response = await me(await forge({ payload: { sid: crypto.randomUUID() } }));
    await expectUnauthenticated(response, 'auth.sessionEnded');
  });
});
