import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import {
  authThrottles,
  type Company,
  type CompanyStatus,
  companies,
  deviceSessions,
  type NewUser,
  refreshTokens,
  type User,
} from '../../src/db/schema';
import type { Language } from '../../src/lib/i18n';
import { type MessageKey, translate } from '../../src/lib/messages';
import { authedRequest, createUser, postJson, type SignedIn } from '../support/auth';
import { createCompany, withDatabase } from '../support/factories';
import { type Problem, readProblem } from '../support/worker';

/** Shared by the files under test/auth: a company per test, and the checks they all make. */
export async function companyWithOwner(): Promise<{ company: Company; owner: User }> {
  const company = await createCompany();
  const owner = await createUser(company.id, { role: 'owner', name: 'Pemilik' });
  return { company, owner };
}

export function staff(
  companyId: string,
  role: NewUser['role'],
  fields: Partial<NewUser> & { storeIds?: string[] } = {},
) {
  return createUser(companyId, { role, name: `Staf ${role}`, ...fields });
}

/** A client address no other test uses, so address throttles never leak between tests. */
export function uniqueAddress(): string {
  const hex = crypto.randomUUID().replaceAll('-', '');
  return `2001:db8:${hex.slice(0, 4)}:${hex.slice(4, 8)}::${hex.slice(8, 12)}`;
}

/** A fresh Indonesian mobile number in E.164, the stored form. */
export function uniquePhone(): string {
  const digits = Array.from(crypto.getRandomValues(new Uint8Array(9)), (b) => b % 10).join('');
  return `+628${digits}`;
}

export function messageOf(
  key: MessageKey,
  params?: Record<string, string | number>,
  lang?: Language,
) {
  return translate(params ? { key, params } : { key }, lang ?? 'id');
}

/** Asserts status, problem+json and code, and returns the problem for further checks. */
export async function expectProblem(
  response: Response,
  status: number,
  code: string,
): Promise<Problem> {
  expect(response.status).toBe(status);
  const problem = await readProblem(response);
  expect(problem.code).toBe(code);
  expect(problem.status).toBe(status);
  return problem;
}

export async function expectUnauthenticated(response: Response, detailKey?: MessageKey) {
  const problem = await expectProblem(response, 401, 'UNAUTHENTICATED');
  if (detailKey) expect(problem.detail).toBe(messageOf(detailKey));
  return problem;
}

/** 403 COMPANY_SUSPENDED, retryable: a till keeps what it holds for after the reactivation. */
export async function expectCompanySuspended(response: Response) {
  const problem = await expectProblem(response, 403, 'COMPANY_SUSPENDED');
  expect(problem.detail).toBe(messageOf('auth.companySuspended'));
  expect(problem.retryable).toBe(true);
  return problem;
}

export function getMe(session: Pick<SignedIn, 'accessToken'>) {
  return authedRequest(session, '/api/v1/me');
}

export function refresh(
  session: Pick<SignedIn, 'refreshToken' | 'fingerprint'>,
  headers: Record<string, string> = {},
) {
  return postJson(
    '/api/v1/auth/refresh',
    { refreshToken: session.refreshToken, fingerprint: session.fingerprint },
    headers,
  );
}

export function postAuthed(session: Pick<SignedIn, 'accessToken'>, path: string, body?: unknown) {
  return authedRequest(session, path, {
    method: 'POST',
    ...(body === undefined
      ? {}
      : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
}

export function deviceSession(sessionId: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(deviceSessions).where(eq(deviceSessions.id, sessionId));
    return row;
  });
}

export function sessionsOfUser(userId: string) {
  return withDatabase(({ db }) =>
    db.select().from(deviceSessions).where(eq(deviceSessions.userId, userId)),
  );
}

export function refreshTokensOf(sessionId: string) {
  return withDatabase(({ db }) =>
    db
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.deviceSessionId, sessionId))
      .orderBy(refreshTokens.createdAt),
  );
}

export function throttleRow(key: string) {
  return withDatabase(async ({ db }) => {
    const [row] = await db.select().from(authThrottles).where(eq(authThrottles.key, key));
    return row;
  });
}

export function setCompanyStatus(companyId: string, status: CompanyStatus) {
  return withDatabase(({ db }) =>
    db.update(companies).set({ status }).where(eq(companies.id, companyId)),
  );
}
