import { beforeAll, describe, expect, it } from 'vitest';
import type { Company } from '../../src/db/schema';
import { auditRows } from '../support/auth';
import { readProblem } from '../support/worker';
import { type Member, member, send, tenant, uniqueEmail, userPath, userRow } from './helpers';

let company: Company;
let owner: Member;

beforeAll(async () => {
  ({ company, owner } = await tenant());
});

async function permissionsOf(someone: Member): Promise<string[]> {
  const response = await send(someone.session, 'GET', '/api/v1/me');
  expect(response.status).toBe(200);
  return (await response.json<{ permissions: string[] }>()).permissions;
}

async function setPermissions(
  target: Member,
  change: { permissionsGranted?: string[]; permissionsRevoked?: string[] },
): Promise<Response> {
  const row = await userRow(target.user.id);
  return send(owner.session, 'PATCH', userPath(target.user.id), {
    version: row?.version,
    ...change,
  });
}

describe('per-user permissions', () => {
  it('a cashier starts with sales.create only', async () => {
    const cashier = await member(company.id, 'cashier');
    expect(await permissionsOf(cashier)).toEqual(['sales.create']);
  });

  it("a grant by the owner shows in the cashier's /me on the very next request", async () => {
    const cashier = await member(company.id, 'cashier');
    const response = await setPermissions(cashier, { permissionsGranted: ['reports.view'] });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ permissionsGranted: ['reports.view'] });
    expect(await userRow(cashier.user.id)).toMatchObject({ permissionsGranted: ['reports.view'] });
    expect(await permissionsOf(cashier)).toEqual(['reports.view', 'sales.create']);

    const [audit] = (await auditRows(company.id, 'user.update')).filter(
      (row) => row.entityId === cashier.user.id,
    );
    expect(audit?.before).toMatchObject({ permissionsGranted: [] });
    expect(audit?.after).toMatchObject({ permissionsGranted: ['reports.view'] });
  });

  it('a revoked default disappears on the next request with the same token', async () => {
    const cashier = await member(company.id, 'cashier');
    const response = await setPermissions(cashier, { permissionsRevoked: ['sales.create'] });
    expect(response.status).toBe(200);
    expect(await permissionsOf(cashier)).toEqual([]);
  });

  it('a manager whose users.manage is revoked is refused the users routes at once', async () => {
    const manager = await member(company.id, 'manager');
    expect((await send(manager.session, 'GET', '/api/v1/users')).status).toBe(200);
    expect((await setPermissions(manager, { permissionsRevoked: ['users.manage'] })).status).toBe(
      200,
    );
    const refused = await send(manager.session, 'GET', '/api/v1/users');
    expect(refused.status).toBe(403);
    expect((await readProblem(refused)).code).toBe('FORBIDDEN');
  });

  it('a cashier granted audit.view can read the audit trail', async () => {
    const cashier = await member(company.id, 'cashier');
    expect((await send(cashier.session, 'GET', '/api/v1/audit-logs')).status).toBe(403);
    expect((await setPermissions(cashier, { permissionsGranted: ['audit.view'] })).status).toBe(
      200,
    );
    expect((await send(cashier.session, 'GET', '/api/v1/audit-logs')).status).toBe(200);
  });

  it('an owner can create a user with permissions already granted and revoked', async () => {
    const email = uniqueEmail();
    const response = await send(owner.session, 'POST', '/api/v1/users', {
      name: 'Kasir Senior',
      email,
      role: 'cashier',
      password: 'sandi-senior-1',
      permissionsGranted: ['discount.apply'],
      permissionsRevoked: ['sales.create'],
    });
    expect(response.status).toBe(201);
    const { id } = await response.json<{ id: string }>();
    expect(await userRow(id)).toMatchObject({
      permissionsGranted: ['discount.apply'],
      permissionsRevoked: ['sales.create'],
    });
  });
});

describe('permission names', () => {
  const refused: Array<[string, Record<string, string[]>, string]> = [
    ['an unknown permission', { permissionsGranted: ['sales.teleport'] }, 'permissionsGranted.0'],
    [
      'a platform permission',
      { permissionsGranted: ['platform.audit.view'] },
      'permissionsGranted.0',
    ],
    [
      'an unknown revocation',
      { permissionsRevoked: ['sales.create', 'x'] },
      'permissionsRevoked.1',
    ],
  ];

  it.each(refused)(
    'refuses %s with 400 at its path and changes nothing',
    async (_, change, path) => {
      const cashier = await member(company.id, 'cashier');
      const before = await userRow(cashier.user.id);
      const audits = (await auditRows(company.id, 'user.update')).length;
      const response = await setPermissions(cashier, change);
      expect(response.status).toBe(400);
      const problem = await readProblem(response);
      expect(problem.code).toBe('VALIDATION_FAILED');
      expect(problem.errors?.map((error) => error.path)).toEqual([path]);
      expect(await userRow(cashier.user.id)).toEqual(before);
      expect((await auditRows(company.id, 'user.update')).length).toBe(audits);
      expect(await permissionsOf(cashier)).toEqual(['sales.create']);
    },
  );
});
