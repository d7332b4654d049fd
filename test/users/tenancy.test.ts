import { beforeAll, describe, expect, it } from 'vitest';
import type { Company, Store, User } from '../../src/db/schema';
import { auditRows, createUser, signIn } from '../support/auth';
import { createCompany, createStore } from '../support/factories';
import { readProblem } from '../support/worker';
import {
  assignedStoreIds,
  type Member,
  send,
  sessionsOfUser,
  tenant,
  uniqueEmail,
  uniquePhone,
  userPath,
  userRow,
  usersOfCompany,
} from './helpers';

/** Company A's owner acts; company B's staff must stay untouched. */
let companyA: Company;
let ownerA: Member;
let storeA: Store;
let companyB: Company;
let storeB: Store;
let cashierB: User;
const phoneB = uniquePhone();

beforeAll(async () => {
  ({ company: companyA, owner: ownerA } = await tenant());
  storeA = await createStore(companyA.id);
  companyB = await createCompany();
  storeB = await createStore(companyB.id);
  cashierB = await createUser(companyB.id, { phone: phoneB.stored, storeIds: [storeB.id] });
  await signIn(cashierB);
});

async function stateOf(user: User) {
  const [row, stores, sessions] = await Promise.all([
    userRow(user.id),
    assignedStoreIds(user.id),
    sessionsOfUser(user.id),
  ]);
  return { row, stores, sessions };
}

async function trails() {
  const [a, b] = await Promise.all([auditRows(companyA.id), auditRows(companyB.id)]);
  return { a: a.length, b: b.length };
}

describe("another company's user", () => {
  it('is 404 NOT_FOUND on every route, and nothing of it changes', async () => {
    const attempts: Array<[string, string, unknown?]> = [
      ['GET', userPath(cashierB.id)],
      ['PATCH', userPath(cashierB.id), { version: 1, name: 'Dibajak', role: 'manager' }],
      ['POST', userPath(cashierB.id, '/deactivate')],
      ['POST', userPath(cashierB.id, '/reactivate')],
      ['POST', userPath(cashierB.id, '/reset-password'), { password: 'sandi-bajakan-1' }],
      ['PUT', userPath(cashierB.id, '/stores'), { storeIds: [storeA.id] }],
    ];
    const before = { state: await stateOf(cashierB), trails: await trails() };
    for (const [method, path, body] of attempts) {
      const response = await send(ownerA.session, method, path, body);
      expect(response.status, `${method} ${path}`).toBe(404);
      expect((await readProblem(response)).code).toBe('NOT_FOUND');
    }
    expect({ state: await stateOf(cashierB), trails: await trails() }).toEqual(before);
  });

  it('is never listed, not even when searched for by e-mail', async () => {
    const response = await send(ownerA.session, 'GET', `/api/v1/users?search=${cashierB.email}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: [], nextCursor: null });
    const all = await send(ownerA.session, 'GET', '/api/v1/users?limit=100');
    const ids = (await all.json<{ data: Array<{ id: string }> }>()).data.map((user) => user.id);
    expect(ids).toContain(ownerA.user.id);
    expect(ids).not.toContain(cashierB.id);
  });
});

describe("another company's store", () => {
  it('cannot be assigned: 404 and the assignments stay as they were', async () => {
    const cashierA = await createUser(companyA.id, { storeIds: [storeA.id] });
    const before = await trails();
    const response = await send(ownerA.session, 'PUT', userPath(cashierA.id, '/stores'), {
      storeIds: [storeA.id, storeB.id],
    });
    expect(response.status).toBe(404);
    expect((await readProblem(response)).code).toBe('NOT_FOUND');
    expect(await assignedStoreIds(cashierA.id)).toEqual([storeA.id]);
    expect(await assignedStoreIds(cashierB.id)).toEqual([storeB.id]);
    expect(await trails()).toEqual(before);
  });

  it('cannot be given to a new user: 404 and no user is created', async () => {
    const email = uniqueEmail();
    const response = await send(ownerA.session, 'POST', '/api/v1/users', {
      name: 'Kasir Nyasar',
      email,
      role: 'cashier',
      password: 'sandi-nyasar-1',
      storeIds: [storeB.id],
    });
    expect(response.status).toBe(404);
    const people = await usersOfCompany(companyA.id);
    expect(people.some((user) => user.email === email)).toBe(false);
  });
});

describe('logins are unique across the platform', () => {
  async function expectTaken(body: Record<string, unknown>): Promise<void> {
    const [before, trailsBefore] = [await usersOfCompany(companyA.id), await trails()];
    const response = await send(ownerA.session, 'POST', '/api/v1/users', {
      name: 'Kembar',
      role: 'cashier',
      password: 'sandi-kembar-1',
      ...body,
    });
    expect(response.status).toBe(409);
    const problem = await readProblem(response);
    expect(problem.code).toBe('CONFLICT');
    expect(problem.detail).not.toContain(companyB.id);
    expect(await usersOfCompany(companyA.id)).toEqual(before);
    expect(await trails()).toEqual(trailsBefore);
  }

  it("refuses another company's e-mail, whatever its case, with 409", async () => {
    await expectTaken({ email: cashierB.email?.toUpperCase() });
  });

  it("refuses another company's phone, however it is typed, with 409", async () => {
    await expectTaken({ phone: phoneB.typed });
  });

  it('refuses a taken e-mail on create inside the company and on PATCH', async () => {
    const first = await createUser(companyA.id);
    await expectTaken({ email: first.email });
    const second = await createUser(companyA.id);
    const response = await send(ownerA.session, 'PATCH', userPath(second.id), {
      version: 1,
      email: cashierB.email,
    });
    expect(response.status).toBe(409);
    expect(await userRow(second.id)).toEqual(second);
  });
});
