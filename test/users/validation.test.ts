import { beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../src/db/schema';
import { auditRows, createUser, signIn } from '../support/auth';
import { createStore } from '../support/factories';
import { type Problem, readProblem } from '../support/worker';
import {
  type Member,
  send,
  tenant,
  uniqueEmail,
  userPath,
  userRow,
  usersOfCompany,
} from './helpers';

let company: Company;
let owner: Member;

beforeAll(async () => {
  ({ company, owner } = await tenant());
});

const valid = () => ({
  name: 'Kasir Baru',
  email: uniqueEmail(),
  role: 'cashier',
  password: 'sandi-kasir-baru',
});

/** Everything a refused request must not have written. */
async function snapshot() {
  const [people, audits] = await Promise.all([usersOfCompany(company.id), auditRows(company.id)]);
  return { userIds: people.map((user) => user.id), auditIds: audits.map((row) => row.id) };
}

async function expectFieldErrors(response: Response, paths: string[]): Promise<Problem> {
  expect(response.status).toBe(400);
  const problem = await readProblem(response);
  expect(problem.code).toBe('VALIDATION_FAILED');
  expect(problem.errors?.map((error) => error.path).sort()).toEqual([...paths].sort());
  return problem;
}

describe('POST /api/v1/users with bad input', () => {
  const cases: Array<[string, Record<string, unknown>, string[]]> = [
    ['a missing name', { name: undefined }, ['name']],
    ['a blank name', { name: '   ' }, ['name']],
    ['a bad e-mail', { email: 'bukan-email' }, ['email']],
    ['a bad phone', { email: undefined, phone: '12345' }, ['phone']],
    ['neither e-mail nor phone', { email: undefined }, ['email']],
    ['a short password', { password: 'pendek' }, ['password']],
    ['a PIN that is not digits', { pin: 'abc' }, ['pin']],
    ['a platform role', { role: 'platform_admin' }, ['role']],
    ['an unknown field', { isAdmin: true }, ['isAdmin']],
    ['a store id that is not a UUID', { storeIds: ['toko-1'] }, ['storeIds.0']],
  ];

  it.each(cases)(
    'refuses %s with 400, the field path, and writes nothing',
    async (_, change, paths) => {
      const before = await snapshot();
      const response = await send(owner.session, 'POST', '/api/v1/users', {
        ...valid(),
        ...change,
      });
      await expectFieldErrors(response, paths);
      expect(await snapshot()).toEqual(before);
    },
  );

  it('reports every bad field at once, in English when asked', async () => {
    const response = await send(
      owner.session,
      'POST',
      '/api/v1/users',
      { ...valid(), phone: '12345', password: 'x', pin: '12' },
      { 'Accept-Language': 'en' },
    );
    const problem = await expectFieldErrors(response, ['phone', 'password', 'pin']);
    expect(problem.title).toBe('Invalid request data');
    const messages = Object.fromEntries(problem.errors?.map((e) => [e.path, e.message]) ?? []);
    expect(messages.password).toBe('The password must be 8–128 characters long.');
    expect(messages.pin).toBe('The PIN must be 4–8 digits.');
  });

  it('speaks Bahasa Indonesia by default', async () => {
    const response = await send(owner.session, 'POST', '/api/v1/users', { ...valid(), pin: 'abc' });
    const problem = await expectFieldErrors(response, ['pin']);
    expect(problem.title).toBe('Data tidak valid');
    expect(problem.errors?.[0]?.message).toBe('PIN harus 4–8 angka.');
  });

  it('refuses malformed JSON with 400 MALFORMED_JSON and writes nothing', async () => {
    const before = await snapshot();
    const response = await send(owner.session, 'POST', '/api/v1/users', '{"name": "Sari", role:');
    expect(response.status).toBe(400);
    expect((await readProblem(response)).code).toBe('MALFORMED_JSON');
    expect(await snapshot()).toEqual(before);
  });

  it('counts repeated store ids once', async () => {
    const store = await createStore(company.id);
    const body = { ...valid(), storeIds: [store.id, store.id] };
    const response = await send(owner.session, 'POST', '/api/v1/users', body);
    expect(response.status, await response.clone().text()).toBe(201);
    expect((await response.json<{ storeIds: string[] }>()).storeIds).toEqual([store.id]);
  });
});

describe('PATCH, reset-password and stores with bad input', () => {
  it('requires the version on PATCH and changes nothing without it', async () => {
    const cashier = await createUser(company.id);
    const before = await snapshot();
    const response = await send(owner.session, 'PATCH', userPath(cashier.id), { name: 'Baru' });
    await expectFieldErrors(response, ['version']);
    expect(await userRow(cashier.id)).toEqual(cashier);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses removing the last login of a user (no e-mail and no phone)', async () => {
    const cashier = await createUser(company.id);
    const response = await send(owner.session, 'PATCH', userPath(cashier.id), {
      version: 1,
      email: null,
    });
    expect(response.status).toBe(400);
    expect(await userRow(cashier.id)).toEqual(cashier);
  });

  it('refuses a user id that is not a UUID with 400 on the id path', async () => {
    const response = await send(owner.session, 'GET', userPath('bukan-uuid'));
    await expectFieldErrors(response, ['id']);
  });

  it('refuses a short new password and keeps the old one working', async () => {
    const cashier = await createUser(company.id);
    const response = await send(owner.session, 'POST', userPath(cashier.id, '/reset-password'), {
      password: 'pendek',
    });
    await expectFieldErrors(response, ['password']);
    expect(await userRow(cashier.id)).toEqual(cashier);
    await expect(signIn(cashier)).resolves.toHaveProperty('accessToken');
  });

  it('refuses a stores body without storeIds', async () => {
    const cashier = await createUser(company.id);
    const response = await send(owner.session, 'PUT', userPath(cashier.id, '/stores'), {
      stores: [],
    });
    await expectFieldErrors(response, ['storeIds', 'stores']);
  });
});
