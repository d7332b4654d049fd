import { describe, expect, it } from 'vitest';
import { authedRequest, loginBody, postJson, signIn, testPassword } from '../support/auth';
import { request } from '../support/worker';
import { companyWithOwner, refresh } from './helpers';

/** Tokens and tenant data must never be kept by a browser cache or an intermediary. */
function expectNoStore(response: Response) {
  expect(response.headers.get('Cache-Control')).toBe('no-store');
}

function varyNames(response: Response): string[] {
  return (response.headers.get('Vary') ?? '').split(',').map((name) => name.trim().toLowerCase());
}

describe('Cache-Control: no-store', () => {
  it('is on the sign-in answer, and on a refused sign-in', async () => {
    const { owner } = await companyWithOwner();
    const signedIn = await postJson('/api/v1/auth/login', loginBody(owner, testPassword));
    expect(signedIn.status).toBe(201);
    expectNoStore(signedIn);
    const refused = await postJson('/api/v1/auth/login', loginBody(owner, 'salah-sekali-123'));
    expect(refused.status).toBe(401);
    expectNoStore(refused);
  });

  it('is on the refresh answer', async () => {
    const { owner } = await companyWithOwner();
    const response = await refresh(await signIn(owner));
    expect(response.status).toBe(200);
    expectNoStore(response);
  });

  it('is on a list, which also varies by Authorization, as do its errors', async () => {
    const { owner } = await companyWithOwner();
    const session = await signIn(owner);
    const list = await authedRequest(session, '/api/v1/users');
    expect(list.status).toBe(200);
    expectNoStore(list);
    expect(varyNames(list)).toContain('authorization');

    const denied = await request('/api/v1/users', { headers: { Authorization: 'Bearer x.y.z' } });
    expect(denied.status).toBe(401);
    expectNoStore(denied);
    expect(varyNames(denied)).toContain('authorization');
  });

  it('is on every API answer, also without a caller', async () => {
    const response = await request('/api/v1');
    expect(response.status).toBe(200);
    expectNoStore(response);
  });
});
