import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { verifyPassword } from '../../src/auth/passwords';
import { type Company, users } from '../../src/db/schema';
import { toBase64Url, utf8 } from '../../src/lib/encoding';
import type { userSchema } from '../../src/routes/v1/users/schemas';
import { auditRows, createUser, signIn } from '../support/auth';
import { createStore, withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import {
  assignedStoreIds,
  type Member,
  send,
  stringsIn,
  tenant,
  uniqueEmail,
  uniquePhone,
  userPath,
  userRow,
} from './helpers';

type UserView = z.infer<typeof userSchema>;

let company: Company;
let owner: Member;

beforeAll(async () => {
  ({ company, owner } = await tenant());
});

async function createViaApi(body: Record<string, unknown>): Promise<UserView> {
  const response = await send(owner.session, 'POST', '/api/v1/users', body);
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<UserView>();
}

describe('POST /api/v1/users', () => {
  it('creates a cashier with a PIN and stores, hashes the secrets and audits without them', async () => {
    const store = await createStore(company.id);
    const email = uniqueEmail();
    const phone = uniquePhone();
    const created = await createViaApi({
      name: 'Sari Kasir',
      email: email.toUpperCase(),
      phone: phone.typed,
      role: 'cashier',
      password: 'kata-sandi-baru-1',
      pin: '246810',
      storeIds: [store.id],
    });
    expect(created).toMatchObject({
      name: 'Sari Kasir',
      email,
      phone: phone.stored,
      role: 'cashier',
      isActive: true,
      storeIds: [store.id],
      version: 1,
    });
    expect(Object.keys(created)).not.toContain('passwordHash');
    expect(Object.keys(created)).not.toContain('pinHash');

    const row = await userRow(created.id);
    expect(row).toMatchObject({ companyId: company.id, email, phone: phone.stored });
    expect(await verifyPassword('kata-sandi-baru-1', row?.passwordHash ?? '')).toBe(true);
    expect(await verifyPassword('246810', row?.pinHash ?? '')).toBe(true);
    expect(await assignedStoreIds(created.id)).toEqual([store.id]);

    const audits = (await auditRows(company.id, 'user.create')).filter(
      (audit) => audit.entityId === created.id,
    );
    expect(audits).toHaveLength(1);
    const [audit] = audits;
    expect(audit).toMatchObject({ entityType: 'user', actorUserId: owner.user.id, before: null });
    const after = audit?.after as Record<string, unknown>;
    expect(after).toMatchObject({ id: created.id, email, role: 'cashier' });
    for (const key of ['passwordHash', 'pinHash']) {
      if (key in after) expect(after[key]).toBe('[REDACTED]');
    }
    const secrets = stringsIn(audit).filter(
      (text) => text.startsWith('pbkdf2') || text.includes('kata-sandi-baru-1'),
    );
    expect(secrets).toEqual([]);
  });

  it('lets the new user sign in with the password the owner set', async () => {
    const email = uniqueEmail();
    await createViaApi({ name: 'Budi', email, role: 'manager', password: 'sandi-budi-99' });
    await expect(signIn({ email, phone: null }, { password: 'sandi-budi-99' })).resolves.toEqual(
      expect.objectContaining({ accessToken: expect.any(String) }),
    );
  });
});

describe('GET /api/v1/users/:id', () => {
  it('shows a user of the company with their stores', async () => {
    const store = await createStore(company.id);
    const cashier = await createUser(company.id, { name: 'Dewi', storeIds: [store.id] });
    const response = await send(owner.session, 'GET', userPath(cashier.id));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: cashier.id,
      name: 'Dewi',
      role: 'cashier',
      storeIds: [store.id],
      version: 1,
    });
  });
});

describe('GET /api/v1/users', () => {
  async function list(query: string): Promise<{ data: UserView[]; nextCursor: string | null }> {
    const response = await send(owner.session, 'GET', `/api/v1/users?${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return response.json();
  }

  it('filters by role, active and search, and never lists platform admins', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const active = await createUser(company.id, { name: `Kasir ${tag} Aktif` });
    const inactive = await createUser(company.id, { name: `Kasir ${tag} Cuti`, isActive: false });
    const manager = await createUser(company.id, { name: `Manajer ${tag}`, role: 'manager' });
    const admin = await createUser(company.id, { name: `Admin ${tag}`, role: 'platform_admin' });

    const ids = (page: { data: UserView[] }) => page.data.map((user) => user.id).sort();
    expect(ids(await list(`search=${tag}`))).toEqual([active.id, inactive.id, manager.id].sort());
    expect(ids(await list(`search=${tag}&role=cashier`))).toEqual([active.id, inactive.id].sort());
    expect(ids(await list(`search=${tag}&role=cashier&active=false`))).toEqual([inactive.id]);
    expect(ids(await list(`search=${active.email}`))).toEqual([active.id]);
    expect(ids(await list('limit=100')).includes(admin.id)).toBe(false);
    expect((await send(owner.session, 'GET', userPath(admin.id))).status).toBe(404);
  });

  async function pageAll(tag: string): Promise<string[]> {
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 10; page++) {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const body = await list(`search=${tag}&limit=2${after}`);
      expect(body.data.length).toBeLessThanOrEqual(2);
      seen.push(...body.data.map((user) => user.id));
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return seen;
  }

  async function createTagged(tag: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let index = 0; index < count; index++) {
      ids.push((await createUser(company.id, { name: `Halaman ${tag} ${index}` })).id);
    }
    return ids;
  }

  it('pages through users with limit=2 without repeating or skipping anyone', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const expected = await createTagged(tag, 5);
    expect(await pageAll(tag)).toEqual(expected);
  });

  it('pages without repeats when created_at has microseconds, as now() gives on Postgres/Neon', async () => {
    const tag = crypto.randomUUID().slice(0, 8);
    const expected = await createTagged(tag, 5);
    // The embedded test database's clock ticks in milliseconds; a real server's in microseconds.
    await withDatabase(async ({ db }) => {
      for (const [index, id] of expected.entries()) {
        const at = `2025-03-0${index + 1} 08:00:00.123456+07`;
        await db
          .update(users)
          .set({ createdAt: sql`${at}::timestamptz` })
          .where(eq(users.id, id));
      }
    });
    expect(await pageAll(tag)).toEqual(expected);
  });

  it('refuses a malformed cursor, or one naming an impossible day, with 400 INVALID_CURSOR', async () => {
    const impossibleDay = toBase64Url(
      utf8(JSON.stringify({ at: '2026-02-30T10:00:00.000000Z', id: crypto.randomUUID() })),
    );
    for (const cursor of ['bm90LWEtY3Vyc29y', impossibleDay]) {
      const response = await send(owner.session, 'GET', `/api/v1/users?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect((await readProblem(response)).code).toBe('INVALID_CURSOR');
    }
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('updates name, role and PIN, bumps the version and audits before and after', async () => {
    const cashier = await createUser(company.id, { name: 'Rina' });
    const response = await send(owner.session, 'PATCH', userPath(cashier.id), {
      version: 1,
      name: 'Rina Wulandari',
      role: 'manager',
      pin: '8642',
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ name: 'Rina Wulandari', version: 2 });

    const row = await userRow(cashier.id);
    expect(row).toMatchObject({ name: 'Rina Wulandari', role: 'manager', version: 2 });
    expect(await verifyPassword('8642', row?.pinHash ?? '')).toBe(true);

    const [audit, ...others] = (await auditRows(company.id, 'user.update')).filter(
      (entry) => entry.entityId === cashier.id,
    );
    expect(others).toEqual([]);
    expect(audit?.before).toMatchObject({ name: 'Rina', role: 'cashier', version: 1 });
    expect(audit?.after).toMatchObject({ name: 'Rina Wulandari', role: 'manager', version: 2 });
    expect(stringsIn(audit).filter((text) => text.startsWith('pbkdf2'))).toEqual([]);
  });

  it('refuses a stale version with 409 CONFLICT and changes nothing', async () => {
    const cashier = await createUser(company.id, { name: 'Agus' });
    const first = await send(owner.session, 'PATCH', userPath(cashier.id), {
      version: 1,
      name: 'Agus S.',
    });
    expect(first.status).toBe(200);
    const before = await userRow(cashier.id);

    const stale = await send(owner.session, 'PATCH', userPath(cashier.id), {
      version: 1,
      name: 'Agus Lama',
    });
    expect(stale.status).toBe(409);
    expect((await readProblem(stale)).code).toBe('CONFLICT');
    expect(await userRow(cashier.id)).toEqual(before);
    const updates = await auditRows(company.id, 'user.update');
    expect(updates.filter((entry) => entry.entityId === cashier.id)).toHaveLength(1);
  });
});
