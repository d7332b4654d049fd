import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { type AuditLog, auditLogs, type Company } from '../../src/db/schema';
import { toBase64Url, utf8 } from '../../src/lib/encoding';
import type { auditLogPageSchema } from '../../src/routes/v1/audit-logs/schemas';
import { auditRows } from '../support/auth';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { type Member, member, send, tenant, uniqueEmail, userPath } from '../users/helpers';

type Page = z.infer<typeof auditLogPageSchema>;

let company: Company;
let owner: Member;
let manager: Member;
/** A user created by the owner, renamed by the manager, then deactivated by the owner. */
let subjectId: string;

beforeAll(async () => {
  ({ company, owner } = await tenant());
  manager = await member(company.id, 'manager');
  const created = await send(owner.session, 'POST', '/api/v1/users', {
    name: 'Subjek',
    email: uniqueEmail(),
    role: 'cashier',
    password: 'sandi-subjek-1',
  });
  subjectId = (await created.json<{ id: string }>()).id;
  await send(manager.session, 'PATCH', userPath(subjectId), { version: 1, name: 'Subjek 2' });
  await send(owner.session, 'POST', userPath(subjectId, '/deactivate'));
});

async function list(who: Member, query = ''): Promise<Page> {
  const response = await send(who.session, 'GET', `/api/v1/audit-logs?${query}`);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json<Page>();
}

/** Follows nextCursor to the end and returns every row id in the order served. */
async function pageAll(query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const body = await list(owner, `${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
    expect(body.data.length).toBeLessThanOrEqual(2);
    seen.push(...body.data.map((row) => row.id));
    cursor = body.nextCursor && encodeURIComponent(body.nextCursor);
    if (!cursor) break;
  }
  return seen;
}

/** Audit rows written straight to the table with the given created_at values (SQL literals). */
function insertRows(entityId: string, times: string[]): Promise<AuditLog[]> {
  return withDatabase(({ db }) =>
    db
      .insert(auditLogs)
      .values(
        times.map((at, index) => ({
          companyId: company.id,
          action: 'test.event',
          entityType: 'test',
          entityId,
          after: { index },
          createdAt: sql`${at}::timestamptz`,
        })),
      )
      .returning(),
  );
}

/** What the API should serve: newest first, ties broken by the larger id. */
const newestFirst = (rows: AuditLog[]) =>
  [...rows]
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
    .map((row) => row.id);

describe('GET /api/v1/audit-logs', () => {
  it('is open to a manager and closed to a cashier', async () => {
    expect((await list(manager)).data.length).toBeGreaterThan(0);
    const cashier = await member(company.id, 'cashier');
    const response = await send(cashier.session, 'GET', '/api/v1/audit-logs');
    expect(response.status).toBe(403);
    expect((await readProblem(response)).code).toBe('FORBIDDEN');
  });

  it('filters by entity, actor, action and entity type', async () => {
    const byEntity = await list(owner, `entityId=${subjectId}`);
    expect(byEntity.data.map((row) => row.action)).toEqual([
      'user.deactivate',
      'user.update',
      'user.create',
    ]);
    const byActor = await list(owner, `actorId=${manager.user.id}`);
    expect(byActor.data.every((row) => row.actorUserId === manager.user.id)).toBe(true);
    expect(byActor.data.map((row) => `${row.action} ${row.entityId}`)).toContain(
      `user.update ${subjectId}`,
    );
    const byAction = await list(owner, 'action=user.deactivate');
    expect(byAction.data.map((row) => row.entityId)).toEqual([subjectId]);
    const byType = await list(owner, 'entityType=device_session');
    expect(byType.data.length).toBeGreaterThan(0);
    expect(byType.data.every((row) => row.action === 'auth.login')).toBe(true);
  });

  it('filters by a time range given with a UTC offset, both ends inclusive', async () => {
    const entityId = crypto.randomUUID();
    const rows = await insertRows(entityId, [
      '2021-01-10 08:00:00+00',
      '2021-06-15 08:00:00+00',
      '2021-12-20 08:00:00+00',
    ]);
    const range = (from: string, to: string) =>
      list(
        owner,
        `entityId=${entityId}&from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`,
      );
    const june = await range('2021-06-15T15:00:00+07:00', '2021-12-20T14:59:59+07:00');
    expect(june.data.map((row) => row.id)).toEqual([rows[1]?.id]);
    const all = await range('2021-01-10T08:00:00Z', '2021-12-20T15:00:00+07:00');
    expect(all.data.map((row) => row.id)).toEqual(newestFirst(rows));
  });

  it('refuses a range whose start is after its end, and times without an offset', async () => {
    const backwards = await send(
      owner.session,
      'GET',
      '/api/v1/audit-logs?from=2024-02-01T00:00:00%2B07:00&to=2024-01-01T00:00:00%2B07:00',
    );
    expect(backwards.status).toBe(400);
    expect((await readProblem(backwards)).errors?.map((error) => error.path)).toEqual(['to']);
    const local = await send(owner.session, 'GET', '/api/v1/audit-logs?from=2024-02-01T00:00:00');
    expect(local.status).toBe(400);
  });

  it('refuses an invalid cursor with 400 INVALID_CURSOR', async () => {
    const forged = btoa(JSON.stringify({ at: 'kemarin', id: 'bukan-uuid' }));
    const impossibleDay = toBase64Url(
      utf8(JSON.stringify({ at: '2026-02-30T00:00:00.000000Z', id: crypto.randomUUID() })),
    );
    for (const cursor of ['zzz', forged, impossibleDay]) {
      const response = await send(owner.session, 'GET', `/api/v1/audit-logs?cursor=${cursor}`);
      expect(response.status).toBe(400);
      expect((await readProblem(response)).code).toBe('INVALID_CURSOR');
    }
  });
});

describe('paging newest first with limit=2', () => {
  it('serves rows written by separate requests once each, none skipped', async () => {
    // Created (v1), renamed (v2), deactivated (v3): four more renames make seven rows.
    for (let version = 3; version <= 6; version++) {
      const body = { version, name: `Nama ${version}` };
      expect((await send(owner.session, 'PATCH', userPath(subjectId), body)).status).toBe(200);
    }
    const expected = newestFirst(
      (await auditRows(company.id)).filter((row) => row.entityId === subjectId),
    );
    expect(expected).toHaveLength(7);
    expect(await pageAll(`entityId=${subjectId}`)).toEqual(expected);
  });

  it('serves rows with equal times once each (ties broken by id)', async () => {
    const entityId = crypto.randomUUID();
    const rows = await insertRows(entityId, Array(5).fill('2022-04-01 09:30:00.250+00'));
    expect(await pageAll(`entityId=${entityId}`)).toEqual(newestFirst(rows));
  });

  it('serves rows written in one transaction on Postgres/Neon (microsecond times) once each', async () => {
    // now() on a real server has microseconds, and one transaction shares one now().
    const entityId = crypto.randomUUID();
    const rows = await insertRows(entityId, Array(5).fill('2022-04-01 09:30:00.250731+00'));
    const ids = rows
      .map((row) => row.id)
      .sort()
      .reverse();
    expect(await pageAll(`entityId=${entityId}`)).toEqual(ids);
  });
});

describe('isolation and immutability', () => {
  it("shows another company's owner none of this company's rows, whatever the filter", async () => {
    const { owner: stranger } = await tenant();
    const ours = new Set((await auditRows(company.id)).map((row) => row.id));
    for (const query of [
      '',
      `entityId=${subjectId}`,
      `actorId=${owner.user.id}`,
      'action=user.create&limit=100',
    ]) {
      const page = await list(stranger, query);
      expect(page.data.filter((row) => ours.has(row.id))).toEqual([]);
      expect(page.data.every((row) => row.companyId !== company.id)).toBe(true);
    }
    expect((await list(stranger, `entityId=${subjectId}`)).data).toEqual([]);
  });

  it('has no route that changes or deletes a row', async () => {
    const [row] = await auditRows(company.id, 'user.create');
    if (!row) throw new Error('no audit row');
    for (const path of ['/api/v1/audit-logs', `/api/v1/audit-logs/${row.id}`]) {
      for (const method of ['PATCH', 'PUT', 'DELETE', 'POST']) {
        const response = await send(owner.session, method, path, { action: 'diubah' });
        expect([404, 405], `${method} ${path}`).toContain(response.status);
      }
    }
    const after = await withDatabase(({ db }) =>
      db.select().from(auditLogs).where(eq(auditLogs.id, row.id)),
    );
    expect(after).toEqual([row]);
  });
});
