import { exportJWK, generateKeyPair } from 'jose';

export interface JwtSecrets {
  /** The private JWK, for the JWT_SIGNING_KEY secret. */
  JWT_SIGNING_KEY: string;
  /** A JWKS with the public key, for the JWT_VERIFY_KEYS secret. */
  JWT_VERIFY_KEYS: string;
}

/** A fresh Ed25519 key pair in the shape the Worker reads (src/auth/access-tokens.ts). */
export async function generateJwtSecrets(kid = `key-${new Date().toISOString().slice(0, 10)}`) {
  const { privateKey, publicKey } = await generateKeyPair('EdDSA', {
    crv: 'Ed25519',
    extractable: true,
  });
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'EdDSA', use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'EdDSA', use: 'sig' };
  return {
    JWT_SIGNING_KEY: JSON.stringify(privateJwk),
    JWT_VERIFY_KEYS: JSON.stringify({ keys: [publicJwk] }),
  } satisfies JwtSecrets;
}
