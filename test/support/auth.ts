import { env } from 'cloudflare:workers';
import { and, eq } from 'drizzle-orm';
import { hashPassword } from '../../src/auth/passwords';
import {
  auditLogs,
  type NewUser,
  type User,
  userStoreAssignments,
  users,
} from '../../src/db/schema';
import { withDatabase } from './factories';
import { request } from './worker';

export const testPassword = 'rahasia-kasir-123';

let sharedPasswordHash: Promise<string> | undefined;
let sharedPinHash: Promise<string> | undefined;

/** A user with a unique e-mail; password `testPassword`, PIN 1357 unless told otherwise. */
export async function createUser(
  companyId: string,
  overrides: Partial<NewUser> & { password?: string; pin?: string; storeIds?: string[] } = {},
): Promise<User> {
  const { password, pin, storeIds = [], ...fields } = overrides;
  // Hashing is deliberately slow; the default password and PIN are hashed once per file.
  sharedPasswordHash ??= hashPassword(testPassword);
  sharedPinHash ??= hashPassword('1357');
  const passwordHash = password ? await hashPassword(password) : await sharedPasswordHash;
  const pinHash = pin ? await hashPassword(pin) : await sharedPinHash;
  return withDatabase(async ({ db }) => {
    const [user] = await db
      .insert(users)
      .values({
        companyId,
        name: 'Test User',
        email: `user-${crypto.randomUUID()}@kasir.test`,
        role: 'cashier',
        passwordHash,
        pinHash,
        ...fields,
      })
      .returning();
    if (!user) throw new Error('user not created');
    if (storeIds.length > 0) {
      await db
        .insert(userStoreAssignments)
        .values(storeIds.map((storeId) => ({ companyId, userId: user.id, storeId })));
    }
    return user;
  });
}

export interface SignedIn {
  accessToken: string;
  refreshToken: string;
  sessionId: string;
  fingerprint: string;
}

export function loginBody(
  login: { email?: string | null; phone?: string | null },
  password = testPassword,
  fingerprint = `device-${crypto.randomUUID()}`,
) {
  return {
    ...(login.email ? { email: login.email } : { phone: login.phone }),
    password,
    device: { fingerprint, name: 'Kasir Depan', platform: 'android' },
  };
}

export function postJson(path: string, body: unknown, headers: Record<string, string> = {}) {
  return request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

/** Signs in through the real endpoint. */
export async function signIn(
  user: Pick<User, 'email' | 'phone'>,
  options: { password?: string; fingerprint?: string; address?: string } = {},
): Promise<SignedIn> {
  const fingerprint = options.fingerprint ?? `device-${crypto.randomUUID()}`;
  const response = await postJson(
    '/api/v1/auth/login',
    loginBody(user, options.password, fingerprint),
    {
      'CF-Connecting-IP':
        options.address ??
        `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
    },
  );
  if (response.status !== 201)
    throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  const body = await response.json<{
    accessToken: string;
    refreshToken: string;
    sessionId: string;
  }>();
  return { ...body, fingerprint };
}

export function bearer(session: Pick<SignedIn, 'accessToken'>): Record<string, string> {
  return { Authorization: `Bearer ${session.accessToken}` };
}

export function authedRequest(
  session: Pick<SignedIn, 'accessToken'>,
  path: string,
  init: RequestInit = {},
) {
  return request(path, {
    ...init,
    headers: { ...bearer(session), ...(init.headers as Record<string, string>) },
  });
}

/** Audit rows of a company, oldest first, optionally only one action. */
export function auditRows(companyId: string, action?: string) {
  return withDatabase(({ db }) =>
    db
      .select()
      .from(auditLogs)
      .where(
        action
          ? and(eq(auditLogs.companyId, companyId), eq(auditLogs.action, action))
          : eq(auditLogs.companyId, companyId),
      )
      .orderBy(auditLogs.createdAt),
  );
}

export { env };
