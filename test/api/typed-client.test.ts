import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { createClient } from '../../src/client';
import { createUser, testPassword } from '../support/auth';
import { checkContract } from '../support/contract';
import { createCompany } from '../support/factories';
import { baseUrl } from '../support/worker';

/**
 * The typed client end to end, as the console uses it: every call goes through the Worker's own
 * fetch handler, and every answer is checked against the OpenAPI document on the way back.
 */
async function throughTheWorker(input: RequestInfo | URL, init?: RequestInit) {
  const sent = new Request(input, init);
  const response = await exports.default.fetch(sent.clone());
  await checkContract(sent, response);
  return response;
}

function client(accessToken?: string) {
  return createClient(baseUrl, {
    fetch: throughTheWorker,
    headers: accessToken ? { Authorization: `Bearer ${accessToken}` } : {},
  });
}

describe('the typed client (hc<App>)', () => {
  it('signs in, reads the account, and runs a category through its whole life', async () => {
    const company = await createCompany();
    const owner = await createUser(company.id, { role: 'owner', name: 'Bu Sari' });

    const login = await client().api.v1.auth.login.$post({
      json: {
        email: owner.email ?? '',
        password: testPassword,
        device: {
          fingerprint: `device-${crypto.randomUUID()}`,
          name: 'Laptop kantor',
          platform: 'web',
        },
      },
    });
    expect(login.status).toBe(201);
    const session = await login.json();
    const api = client(session.accessToken);

    const me = await api.api.v1.me.$get();
    expect(me.status).toBe(200);
    const account = await me.json();
    expect(account.user).toMatchObject({ id: owner.id, name: 'Bu Sari', role: 'owner' });

    const created = await api.api.v1.categories.$post({
      json: { name: 'Minuman', sortOrder: 1 },
    });
    expect(created.status).toBe(201);
    const drinks = await created.json();
    expect(drinks).toMatchObject({ name: 'Minuman', depth: 1, version: 1, parentId: null });

    const renamed = await api.api.v1.categories[':id'].$patch({
      param: { id: drinks.id },
      json: { version: drinks.version, name: 'Minuman Dingin' },
    });
    expect(renamed.status).toBe(200);
    expect((await renamed.json()).version).toBe(2);

    const listed = await api.api.v1.categories.$get();
    expect((await listed.json()).data.map((category) => category.name)).toEqual(['Minuman Dingin']);

    const removed = await api.api.v1.categories[':id'].$delete(
      { param: { id: drinks.id } },
      { headers: { 'If-Match': '"2"' } },
    );
    expect(removed.status).toBe(204);
    const gone = await api.api.v1.categories[':id'].$get({ param: { id: drinks.id } });
    expect(gone.status).toBe(404);
    expect(gone.headers.get('Content-Type')).toMatch(/^application\/problem\+json/);
  });

  it('answers a missing token with the documented 401 problem', async () => {
    const response = await client().api.v1.me.$get();
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
  });
});
