import { describe, expect, it } from 'vitest';
import { auditRows, loginBody, postJson } from '../support/auth';
import { baseUrl, request } from '../support/worker';
import { companyWithOwner, expectProblem, getMe, staff, uniqueAddress } from './helpers';

/** The console's sign-in: the refresh token only ever in an httpOnly cookie (routes/v1/auth/console.ts). */
const consoleOrigin = 'http://127.0.0.1:5173';
const consoleHeaders = { Origin: consoleOrigin, 'X-Kasir-Console': '1' };

function consoleLogin(body: unknown, headers: Record<string, string> = consoleHeaders) {
  return postJson('/api/v1/auth/console/login', body, {
    'CF-Connecting-IP': uniqueAddress(),
    ...headers,
  });
}

function cookieOf(response: Response): string {
  const setCookie = response.headers.get('Set-Cookie') ?? '';
  return setCookie.split(';')[0] ?? '';
}

function consoleRefresh(
  cookie: string | undefined,
  headers: Record<string, string> = consoleHeaders,
) {
  return request('/api/v1/auth/console/refresh', {
    method: 'POST',
    headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) },
  });
}

async function signedInToConsole() {
  const { company, owner } = await companyWithOwner();
  const response = await consoleLogin(loginBody(owner));
  expect(response.status).toBe(201);
  const session = await response.json<{ accessToken: string; sessionId: string }>();
  return { company, owner, response, session, cookie: cookieOf(response) };
}

describe('POST /api/v1/auth/console/login', () => {
  it('answers the access token only and keeps the refresh token in an httpOnly, SameSite=Strict cookie', async () => {
    const { response, session } = await signedInToConsole();
    const body = session as Record<string, unknown>;
    expect(body.refreshToken).toBeUndefined();
    expect(typeof body.accessToken).toBe('string');
    const setCookie = response.headers.get('Set-Cookie') ?? '';
    expect(setCookie).toMatch(/^kasir_console=[^;]+; Path=\/api\/v1\/auth\/console; Max-Age=\d+/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    // The tests speak plain http; on https the cookie is Secure as well.
    expect(setCookie).not.toContain('Secure');
    expect((await getMe(session)).status).toBe(200);
  });

  it('lets the allowed console origin read the answer with credentials', async () => {
    const { response } = await signedInToConsole();
    expect(response.headers.get('Access-Control-Allow-Origin')).toBe(consoleOrigin);
    expect(response.headers.get('Access-Control-Allow-Credentials')).toBe('true');
  });

  it('refuses a cashier with 403 and opens no session', async () => {
    const { company } = await companyWithOwner();
    const cashier = await staff(company.id, 'cashier');
    const response = await consoleLogin(loginBody(cashier));
    const problem = await expectProblem(response, 403, 'FORBIDDEN');
    expect(problem.detail).toContain('kasir');
    expect(response.headers.get('Set-Cookie')).toBeNull();
    expect(await auditRows(company.id, 'auth.login')).toHaveLength(0);
  });

  it('refuses a request without the console header or from another origin, before any password check', async () => {
    const { company, owner } = await companyWithOwner();
    const refusedHeaders: Array<Record<string, string>> = [
      { Origin: consoleOrigin },
      { 'X-Kasir-Console': '1' },
      { Origin: 'https://evil.example', 'X-Kasir-Console': '1' },
    ];
    for (const headers of refusedHeaders) {
      const response = await consoleLogin(loginBody(owner), headers);
      await expectProblem(response, 403, 'FORBIDDEN');
    }
    expect(await auditRows(company.id, 'auth.login')).toHaveLength(0);
  });

  it('accepts the API’s own origin (the console served through a same-origin proxy)', async () => {
    const { owner } = await companyWithOwner();
    const response = await consoleLogin(loginBody(owner), {
      Origin: baseUrl,
      'X-Kasir-Console': '1',
    });
    expect(response.status).toBe(201);
  });
});

describe('POST /api/v1/auth/console/refresh', () => {
  it('rotates the cookie and answers a working access token', async () => {
    const { session, cookie } = await signedInToConsole();
    const response = await consoleRefresh(cookie);
    expect(response.status).toBe(200);
    const next = await response.json<{ accessToken: string; sessionId: string }>();
    expect(next.sessionId).toBe(session.sessionId);
    const nextCookie = cookieOf(response);
    expect(nextCookie).not.toBe(cookie);
    expect((await getMe(next)).status).toBe(200);
    // The rotated cookie works in turn.
    expect((await consoleRefresh(nextCookie)).status).toBe(200);
  });

  it('answers 401 without the cookie, and 403 to another origin even with it', async () => {
    const { cookie } = await signedInToConsole();
    await expectProblem(await consoleRefresh(undefined), 401, 'UNAUTHENTICATED');
    await expectProblem(
      await consoleRefresh(cookie, { Origin: 'https://evil.example', 'X-Kasir-Console': '1' }),
      403,
      'FORBIDDEN',
    );
  });

  it('clears the cookie when the session is over', async () => {
    const { session, cookie } = await signedInToConsole();
    const logout = await request('/api/v1/auth/console/logout', {
      method: 'POST',
      headers: { ...consoleHeaders, Authorization: `Bearer ${session.accessToken}` },
    });
    expect(logout.status).toBe(204);
    expect(logout.headers.get('Set-Cookie')).toMatch(/^kasir_console=; .*Max-Age=0/);
    const refused = await consoleRefresh(cookie);
    await expectProblem(refused, 401, 'UNAUTHENTICATED');
    expect(refused.headers.get('Set-Cookie')).toMatch(/^kasir_console=; .*Max-Age=0/);
  });
});
