import { useSyncExternalStore } from 'react';
import { apiBaseUrl } from '../api/base-url';
import { ProblemError, problemOf } from '../api/problem';
import { currentLanguage } from '../i18n/language';
import { deviceFingerprint, deviceName } from './device';

/**
 * The signed-in session. The access token lives in this module's memory only; the refresh token
 * is an httpOnly cookie the page cannot read (POST /api/v1/auth/console/*). After a reload the
 * console asks for a new access token through the cookie.
 */
export interface SessionUser {
  id: string;
  companyId: string;
  name: string;
  role: 'owner' | 'manager' | 'cashier' | 'platform_admin';
  mustChangePassword: boolean;
}

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  sessionId: string;
  user: SessionUser;
}

let session: Session | null = null;
/** undefined until the first refresh after a page load has answered. */
let restored: Promise<Session | null> | undefined;
let refreshing: Promise<Session | null> | undefined;
const listeners = new Set<() => void>();

/**
 * Whether this browser signed in and has not signed out: not a credential (the cookie is), only
 * a hint that asking for a refresh after a reload is worth a request.
 */
const signedInHintKey = 'kasir-console-signed-in';

function setSession(next: Session | null): void {
  session = next;
  if (next) localStorage.setItem(signedInHintKey, '1');
  else localStorage.removeItem(signedInHintKey);
  for (const listener of listeners) listener();
}

export function currentSession(): Session | null {
  return session;
}

export function useSession(): Session | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => session,
  );
}

function consoleRequest(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${apiBaseUrl}/api/v1/auth/console/${path}`, {
    ...init,
    method: 'POST',
    credentials: 'include',
    headers: {
      'X-Kasir-Console': '1',
      'Accept-Language': currentLanguage(),
      ...(init.headers as Record<string, string> | undefined),
    },
  });
}

export interface SignInInput {
  login: string;
  password: string;
}

/** Sign in with an e-mail or a phone number; throws the API's ProblemError when refused. */
export async function signIn({ login, password }: SignInInput): Promise<Session> {
  const isEmail = login.includes('@');
  const response = await consoleRequest('login', {
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({
      ...(isEmail ? { email: login.trim() } : { phone: login.trim() }),
      password,
      device: { fingerprint: deviceFingerprint(), name: deviceName(), platform: 'web' },
    }),
  });
  if (!response.ok) throw await problemOf(response);
  const next = (await response.json()) as Session;
  setSession(next);
  return next;
}

/** A new access token through the cookie; one at a time, however many requests ask. */
export function refreshSession(): Promise<Session | null> {
  refreshing ??= (async () => {
    try {
      const response = await consoleRequest('refresh');
      if (response.status === 401) {
        setSession(null);
        return null;
      }
      if (!response.ok) throw await problemOf(response);
      const next = (await response.json()) as Session;
      setSession(next);
      return next;
    } finally {
      refreshing = undefined;
    }
  })();
  return refreshing;
}

/** The session after a page load: the cookie's, if the browser still has one. */
export function restoreSession(): Promise<Session | null> {
  if (session) return Promise.resolve(session);
  if (!localStorage.getItem(signedInHintKey)) return Promise.resolve(null);
  restored ??= refreshSession().catch(() => null);
  return restored;
}

/** An access token good for at least 30 more seconds, refreshed first if needed. */
export async function freshAccessToken(): Promise<string | null> {
  const now = Date.now();
  if (session && Date.parse(session.accessTokenExpiresAt) - now > 30_000) {
    return session.accessToken;
  }
  return (await refreshSession())?.accessToken ?? null;
}

export async function signOut(): Promise<void> {
  const token = session?.accessToken;
  try {
    if (token) {
      const response = await consoleRequest('logout', {
        headers: { Authorization: `Bearer ${token}` },
      });
      if (!response.ok && response.status !== 401) throw await problemOf(response);
    }
  } finally {
    setSession(null);
    restored = Promise.resolve(null);
  }
}

export function isProblem(error: unknown, status: number): error is ProblemError {
  return error instanceof ProblemError && error.status === status;
}
