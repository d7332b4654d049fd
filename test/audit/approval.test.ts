import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createApp } from '../../src/app';
import { approvalSchema, authorizeOrApprove } from '../../src/auth/approval';
import { authenticate } from '../../src/auth/context';
import { type Company, notifications, type User, users } from '../../src/db/schema';
import { validate } from '../../src/lib/validation';
import { approvalPolicies } from '../../src/services/auth-throttle';
import { createUser, testPassword } from '../support/auth';
import { withDatabase } from '../support/factories';
import { readProblem, requestApp } from '../support/worker';
import { type Member, member, tenant } from '../users/helpers';

/** No route uses manager approval yet, so the test mounts one on the real app. */
const app = createApp();
app.post(
  '/api/v1/approval-probe',
  authenticate,
  validate('json', z.strictObject({ approval: approvalSchema.optional() })),
  async (c) =>
    c.json(
      await authorizeOrApprove(
        {
          db: c.var.database.db,
          actor: c.var.auth,
          now: c.var.now,
          logger: c.var.logger,
          jobs: c.env.JOBS,
        },
        'sales.void',
        c.req.valid('json').approval,
      ),
    ),
);

/** createUser's default PIN. */
const managerPin = '1357';

let company: Company;
let manager: Member;
let cashier: Member;

beforeAll(async () => {
  ({ company } = await tenant());
  manager = await member(company.id, 'manager');
  cashier = await member(company.id, 'cashier');
});

function probe(caller: Member, approval?: Record<string, unknown>): Promise<Response> {
  return requestApp(app, '/api/v1/approval-probe', {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${caller.session.accessToken}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify(approval ? { approval } : {}),
  });
}

async function expectRefused(response: Response, status = 403): Promise<void> {
  expect(response.status).toBe(status);
  expect((await readProblem(response)).code).toBe(status === 403 ? 'FORBIDDEN' : 'RATE_LIMITED');
}

describe('authorizeOrApprove', () => {
  it('lets a manager act on their own permission', async () => {
    const response = await probe(manager);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      permission: 'sales.void',
      grantedTo: manager.user.id,
      method: 'own_permission',
    });
  });

  it('refuses a cashier acting alone with 403', async () => {
    await expectRefused(await probe(cashier));
  });

  it("accepts a manager's PIN for a cashier and names the approver", async () => {
    const response = await probe(cashier, { approverId: manager.user.id, pin: managerPin });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      permission: 'sales.void',
      grantedTo: cashier.user.id,
      approvedBy: manager.user.id,
      method: 'pin',
    });
  });

  it("accepts the manager's password instead of the PIN", async () => {
    const response = await probe(cashier, { approverId: manager.user.id, password: testPassword });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      approvedBy: manager.user.id,
      method: 'password',
    });
  });

  it('refuses a wrong PIN with 403', async () => {
    const approver = await createUser(company.id, { role: 'manager' });
    await expectRefused(await probe(cashier, { approverId: approver.id, pin: '9999' }));
  });

  it('refuses another cashier as approver, even with the right PIN', async () => {
    const colleague = await createUser(company.id, { role: 'cashier' });
    await expectRefused(await probe(cashier, { approverId: colleague.id, pin: managerPin }));
  });

  it('refuses a manager of another company, even with the right PIN', async () => {
    const { company: other } = await tenant();
    const stranger = await createUser(other.id, { role: 'manager' });
    await expectRefused(await probe(cashier, { approverId: stranger.id, pin: managerPin }));
  });

  it('refuses a deactivated manager and a manager whose sales.void was revoked', async () => {
    const away = await createUser(company.id, { role: 'manager', isActive: false });
    await expectRefused(await probe(cashier, { approverId: away.id, pin: managerPin }));
    const limited = await createUser(company.id, {
      role: 'manager',
      permissionsRevoked: ['sales.void'],
    });
    await expectRefused(await probe(cashier, { approverId: limited.id, pin: managerPin }));
  });

  it('refuses a malformed approval with 400', async () => {
    const response = await probe(cashier, { approverId: manager.user.id, pin: 'abcd' });
    expect(response.status).toBe(400);
    expect((await readProblem(response)).code).toBe('VALIDATION_FAILED');
  });
});

describe('guessing a PIN', () => {
  let approver: User;

  beforeAll(async () => {
    approver = await createUser(company.id, { role: 'manager' });
  });

  async function guess(caller: Member, times: number, target: User) {
    for (let attempt = 0; attempt < times; attempt++) {
      await expectRefused(await probe(caller, { approverId: target.id, pin: `000${attempt}` }));
    }
  }

  it('locks that approver for that cashier after 5 wrong PINs: 429 with Retry-After, even with the right PIN', async () => {
    await guess(cashier, approvalPolicies.pair.maxFailures, approver);
    const locked = await probe(cashier, { approverId: approver.id, pin: managerPin });
    expect(locked.headers.get('Retry-After')).toMatch(/^\d+$/);
    const retryAfter = Number(locked.headers.get('Retry-After'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(approvalPolicies.pair.lockSeconds);
    await expectRefused(locked, 429);
  });

  it('keeps the lock for the password too', async () => {
    const response = await probe(cashier, { approverId: approver.id, password: testPassword });
    await expectRefused(response, 429);
  });

  it('locks only that approver: another manager still approves for the same cashier', async () => {
    const response = await probe(cashier, { approverId: manager.user.id, pin: managerPin });
    expect(response.status).toBe(200);
  });

  it('does not let one cashier lock the approver out for the others', async () => {
    const colleague = await member(company.id, 'cashier');
    const response = await probe(colleague, { approverId: approver.id, pin: managerPin });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ approvedBy: approver.id, method: 'pin' });
  });

  it('locks the approver for everyone after 20 wrong PINs, and tells the approver and the owners', async () => {
    const target = await createUser(company.id, { role: 'manager' });
    const perCashier = approvalPolicies.pair.maxFailures;
    const guessers = await Promise.all(
      Array.from({ length: approvalPolicies.approver.maxFailures / perCashier }, () =>
        member(company.id, 'cashier'),
      ),
    );
    for (const guesser of guessers) await guess(guesser, perCashier, target);

    const bystander = await member(company.id, 'cashier');
    const locked = await probe(bystander, { approverId: target.id, pin: managerPin });
    await expectRefused(locked, 429);
    expect(Number(locked.headers.get('Retry-After'))).toBeGreaterThan(
      approvalPolicies.approver.lockSeconds - 60,
    );

    // Through the real JOBS queue: one notice for the approver, one for each owner.
    const owners = await withDatabase(({ db }) =>
      db
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.companyId, company.id), eq(users.role, 'owner'))),
    );
    const recipients = [target.id, ...owners.map((owner) => owner.id)].sort();
    await vi.waitFor(
      async () => {
        const rows = await withDatabase(({ db }) =>
          db
            .select()
            .from(notifications)
            .where(
              and(
                eq(notifications.companyId, company.id),
                eq(notifications.kind, 'account_locked'),
                sql`${notifications.data}->>'userId' = ${target.id}`,
              ),
            ),
        );
        expect(rows.map((row) => row.recipientId).sort()).toEqual(recipients);
        for (const row of rows) {
          expect(row.data).toMatchObject({ via: 'approval', failures: 20, userId: target.id });
        }
      },
      { timeout: 20_000, interval: 500 },
    );
  }, 60_000);
});
