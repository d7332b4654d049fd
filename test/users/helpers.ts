import { asc, eq } from 'drizzle-orm';
import {
  type Company,
  deviceSessions,
  refreshTokens,
  type User,
  type UserRole,
  userStoreAssignments,
  users,
} from '../../src/db/schema';
import { authedRequest, createUser, type SignedIn, signIn } from '../support/auth';
import { createCompany, withDatabase } from '../support/factories';

/**
 * Shared by the users and audit tests: people who are signed in, JSON requests on their behalf,
 * and reads of the rows those requests should (or should not) have changed.
 */
export interface Member {
  user: User;
  session: SignedIn;
}

export async function member(
  companyId: string,
  role: UserRole,
  overrides: Parameters<typeof createUser>[1] = {},
): Promise<Member> {
  const user = await createUser(companyId, { role, ...overrides });
  return { user, session: await signIn(user) };
}

/** A new company with one signed-in owner. */
export async function tenant(): Promise<{ company: Company; owner: Member }> {
  const company = await createCompany();
  return { company, owner: await member(company.id, 'owner') };
}

/** A request as `session`. An object body is sent as JSON; a string body is sent as it is. */
export function send(
  session: Pick<SignedIn, 'accessToken'>,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  if (body === undefined) return authedRequest(session, path, { method, headers });
  return authedRequest(session, path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export const userPath = (id: string, action = '') => `/api/v1/users/${id}${action}`;

export function uniqueEmail(): string {
  return `staff-${crypto.randomUUID()}@kasir.test`;
}

/** A random Indonesian mobile number as people type it (0812…) and as it is stored (+62812…). */
export function uniquePhone(): { typed: string; stored: string } {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(8)), (byte) => byte % 10);
  const rest = `812${digits.join('')}`;
  return { typed: `0${rest}`, stored: `+62${rest}` };
}

export function userRow(id: string): Promise<User | undefined> {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    return row;
  });
}

export function usersOfCompany(companyId: string): Promise<User[]> {
  return withDatabase(({ db }) =>
    db.select().from(users).where(eq(users.companyId, companyId)).orderBy(asc(users.createdAt)),
  );
}

export function assignedStoreIds(userId: string): Promise<string[]> {
  return withDatabase(async ({ db }) => {
    const rows = await db
      .select({ storeId: userStoreAssignments.storeId })
      .from(userStoreAssignments)
      .where(eq(userStoreAssignments.userId, userId));
    return rows.map((row) => row.storeId).sort();
  });
}

export function sessionsOfUser(userId: string) {
  return withDatabase(({ db }) =>
    db.select().from(deviceSessions).where(eq(deviceSessions.userId, userId)),
  );
}

export function refreshTokensOfSession(sessionId: string) {
  return withDatabase(({ db }) =>
    db.select().from(refreshTokens).where(eq(refreshTokens.deviceSessionId, sessionId)),
  );
}

/** Every string inside a JSON value, however deep. */
export function stringsIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value === null || typeof value !== 'object') return [];
  return Object.values(value).flatMap(stringsIn);
}
