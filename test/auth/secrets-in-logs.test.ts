import { afterEach, describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '../../src/lib/encoding';
import { countTransactions, saleShop, sell } from '../sales/helpers';
import { createUser, postJson, signIn, testPassword } from '../support/auth';
import { withDatabase } from '../support/factories';
import { captureLogLines } from '../support/logs';
import { send, tenant, uniqueEmail, uniquePhone, usersOfCompany } from '../users/helpers';
import { expectProblem, refresh } from './helpers';

/**
 * A write that fails inside the database must not put its bound values in the error log: for the
 * tables that hold credentials those are password and PIN hashes (a PIN's PBKDF2 hash falls to
 * an offline search in minutes), refresh token and fingerprint hashes. The log line names the
 * SQLSTATE, the table and the constraint instead.
 */
afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Every secret the request makes, as it would be written: salts and tokens (random bytes, as
 * base64url), PBKDF2 output (base64url) and SHA-256 digests (hex).
 */
function captureSecretsMade(): string[] {
  const made: string[] = [];
  const getRandomValues = crypto.getRandomValues.bind(crypto);
  vi.spyOn(crypto, 'getRandomValues').mockImplementation(
    <T extends ArrayBufferView | null>(array: T): T => {
      const filled = getRandomValues(array as unknown as Uint8Array);
      if (filled.byteLength >= 16) {
        made.push(toBase64Url(new Uint8Array(filled.buffer, filled.byteOffset, filled.byteLength)));
      }
      return array;
    },
  );
  const deriveBits = crypto.subtle.deriveBits.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'deriveBits').mockImplementation(async (...args) => {
    const bits = await deriveBits(...args);
    made.push(toBase64Url(new Uint8Array(bits)));
    return bits;
  });
  const digest = crypto.subtle.digest.bind(crypto.subtle);
  vi.spyOn(crypto.subtle, 'digest').mockImplementation(async (...args) => {
    const hash = await digest(...args);
    made.push(
      Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, '0')).join(''),
    );
    return hash;
  });
  return made;
}

/** What a credential looks like once hashed, and drizzle's list of bound values. */
const secretShapes = [/pbkdf2-sha256/i, /[0-9a-f]{64}/i, /params:/i];

function expectNothingSecret(lines: string[], made: string[], sentValues: string[]) {
  expect(made.length).toBeGreaterThan(0);
  const output = lines.join('\n');
  for (const value of [...sentValues, ...made]) expect(output).not.toContain(value);
  for (const shape of secretShapes) expect(output).not.toMatch(shape);
}

function logLine(lines: string[], level: 'error' | 'warn') {
  const line = lines.map((text) => JSON.parse(text)).find((entry) => entry.level === level);
  expect(line).toBeDefined();
  return line as { message: string; error: Record<string, unknown> };
}

const errorLine = (lines: string[]) => logLine(lines, 'error');

/**
 * Makes every write of one company to `table` fail, the way a constraint would (or with another
 * SQLSTATE), until the test ends. Scoped to the company so the test files running beside this
 * one are not affected.
 */
async function failWritesOf(
  table: string,
  companyId: string,
  run: () => Promise<void>,
  sqlState = 'P0001',
) {
  const name = `ff_${crypto.randomUUID().slice(0, 8)}`;
  await withDatabase(({ db }) =>
    db.$client.query(`
      create function ${name}() returns trigger language plpgsql as $$
      begin
        raise exception 'forced failure' using errcode = '${sqlState}', table = TG_TABLE_NAME,
          constraint = 'forced_failure';
      end $$;
      create trigger ${name} before insert or update on ${table}
        for each row when (new.company_id = '${companyId}') execute function ${name}();`),
  );
  try {
    await run();
  } finally {
    await withDatabase(({ db }) =>
      db.$client.query(`drop trigger ${name} on ${table}; drop function ${name}();`),
    );
  }
}

describe('error logs of a failing write', () => {
  it('refuse a NUL in a new user before any SQL, logging none of its values', async () => {
    const { company, owner } = await tenant();
    const email = uniqueEmail();
    const phone = uniquePhone();
    const lines = captureLogLines();
    const made = captureSecretsMade();
    const response = await send(owner.session, 'POST', '/api/v1/users', {
      name: 'Budi\u0000Santoso',
      email,
      phone: phone.typed,
      role: 'cashier',
      password: 'kata-sandi-rahasia-9',
      pin: '864209',
    });
    const problem = await expectProblem(response, 400, 'VALIDATION_FAILED');
    expect(problem.errors).toEqual([
      expect.objectContaining({ path: 'name', code: 'unstorable_text' }),
    ]);
    expectNothingSecret(lines, made, [email, 'Budi', 'kata-sandi-rahasia-9', '864209']);
    expect(await usersOfCompany(company.id)).toHaveLength(1);
  });

  it('name the SQLSTATE of a value the database refuses, and none of its values or hashes', async () => {
    const { company, owner } = await tenant();
    const email = uniqueEmail();
    // Logins are unique across companies: the API document's example phone belongs to
    // whichever test (the fuzz suite) sent it first.
    const phone = uniquePhone();
    await failWritesOf(
      'users',
      company.id,
      async () => {
        const lines = captureLogLines();
        const made = captureSecretsMade();
        const response = await send(owner.session, 'POST', '/api/v1/users', {
          name: 'Budi Santoso',
          email,
          phone: phone.typed,
          role: 'cashier',
          password: 'kata-sandi-rahasia-9',
          pin: '864209',
        });
        // A value Postgres cannot hold (class 22) is the request's fault: 400, logged at warn.
        await expectProblem(response, 400, 'VALIDATION_FAILED');
        expectNothingSecret(lines, made, [
          email,
          'Budi',
          'kata-sandi-rahasia-9',
          '864209',
          phone.typed.slice(1),
        ]);
        const line = logLine(lines, 'warn');
        expect(line.error.database).toMatchObject({ sqlState: '22021', table: 'users' });
      },
      '22021',
    );
  });

  it('name the table and constraint of a failing PIN change, and not the PIN hash', async () => {
    const { company, owner } = await tenant();
    const cashier = await createUser(company.id, { role: 'cashier' });
    await failWritesOf('users', company.id, async () => {
      const lines = captureLogLines();
      const made = captureSecretsMade();
      const response = await send(owner.session, 'PATCH', `/api/v1/users/${cashier.id}`, {
        version: cashier.version,
        pin: '975310',
      });
      expect(response.status).toBe(500);
      expectNothingSecret(lines, made, ['975310', cashier.email ?? '']);
      const line = errorLine(lines);
      expect(line.error.database).toMatchObject({
        sqlState: 'P0001',
        table: 'users',
        constraint: 'forced_failure',
      });
      expect(line.error.statement).toMatch(/^update "users" set/);
    });
  });

  it('do not carry the new password hash of a failing password reset', async () => {
    const { company, owner } = await tenant();
    const cashier = await createUser(company.id, { role: 'cashier' });
    await failWritesOf('users', company.id, async () => {
      const lines = captureLogLines();
      const made = captureSecretsMade();
      const response = await send(
        owner.session,
        'POST',
        `/api/v1/users/${cashier.id}/reset-password`,
        { password: 'sandi-baru-yang-kuat-7' },
      );
      expect(response.status).toBe(500);
      expectNothingSecret(lines, made, ['sandi-baru-yang-kuat-7']);
      expect(errorLine(lines).error.database).toMatchObject({ table: 'users' });
    });
  });

  it('do not carry the fingerprint hash of a failing device session', async () => {
    const { company } = await tenant();
    const cashier = await createUser(company.id, { role: 'cashier' });
    const fingerprint = `till-${crypto.randomUUID()}`;
    await failWritesOf('device_sessions', company.id, async () => {
      const lines = captureLogLines();
      const made = captureSecretsMade();
      const response = await postJson('/api/v1/auth/login', {
        email: cashier.email,
        password: testPassword,
        device: { fingerprint, name: 'Kasir Depan', platform: 'android' },
      });
      expect(response.status).toBe(500);
      expectNothingSecret(lines, made, [fingerprint, testPassword, cashier.email ?? '']);
      expect(errorLine(lines).error.database).toMatchObject({ table: 'device_sessions' });
    });
  });

  it('do not carry the refresh token hash of a failing refresh', async () => {
    const { company } = await tenant();
    const cashier = await createUser(company.id, { role: 'cashier' });
    const session = await signIn(cashier);
    await failWritesOf('refresh_tokens', company.id, async () => {
      const lines = captureLogLines();
      const made = captureSecretsMade();
      const response = await refresh(session);
      await expectProblem(response, 500, 'INTERNAL_ERROR');
      expectNothingSecret(lines, made, [session.refreshToken, session.fingerprint]);
      expect(errorLine(lines).error.database).toMatchObject({ table: 'refresh_tokens' });
    });
  });
});

describe("error logs of a failing write in a store's object", () => {
  it("are written by the object without the sale's values, and the till gets a plain 500", async () => {
    const shop = await saleShop();
    await failWritesOf('transactions', shop.companyId, async () => {
      const lines = captureLogLines();
      const response = await sell(shop.cashier, {
        storeId: shop.store.id,
        note: 'catatan rahasia',
        items: [{ variantId: shop.tea.id, quantity: 1 }],
        payments: [{ method: 'cash', tendered: 50_000 }],
      });
      const problem = await expectProblem(response, 500, 'INTERNAL_ERROR');
      expect(problem.detail).toContain(problem.requestId);
      expect(lines.join('\n')).not.toContain('rahasia');
      expect(lines.join('\n')).not.toMatch(/params:/i);
      const line = errorLine(lines) as unknown as {
        requestId: string;
        error: { database: object };
      };
      expect(line.requestId).toBe(problem.requestId);
      expect(line.error.database).toMatchObject({ sqlState: 'P0001', table: 'transactions' });
    });
    expect(await countTransactions(shop.companyId)).toBe(0);
  });
});
