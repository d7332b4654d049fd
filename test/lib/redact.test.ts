import { describe, expect, it } from 'vitest';
import { isSensitiveKey, REDACTED, redact, redactText } from '../../src/lib/redact';

describe('redact', () => {
  it('redacts sensitive keys however they are spelled', () => {
    for (const key of [
      'password',
      'newPassword',
      'refresh_token',
      'Authorization',
      'x-api-key',
      'ownerPhone',
      'email',
      'NPWP',
      'pinHash',
      'set-cookie',
    ]) {
      expect(isSensitiveKey(key), key).toBe(true);
    }
    for (const key of ['shipping', 'storeId', 'spinner', 'tokenizerVersion', 'quantity']) {
      expect(isSensitiveKey(key), key).toBe(false);
    }
  });

  it('redacts nested objects and arrays, leaving other fields alone', () => {
    const input = {
      user: { name: 'Siti', email: 'siti@example.com', phone: '+6281234567890' },
      devices: [{ refreshToken: 'r-123', platform: 'android' }],
      total: 115_500,
    };
    expect(redact(input)).toEqual({
      user: { name: 'Siti', email: REDACTED, phone: REDACTED },
      devices: [{ refreshToken: REDACTED, platform: 'android' }],
      total: 115_500,
    });
  });

  it('scrubs secrets and personal data out of free text', () => {
    const text = redactText(
      'login failed for siti@example.com from 081234567890 with Bearer abc.def-ghi and ' +
        'eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl via postgres://kasir:s3cret@db:5432/x',
    );
    for (const secret of [
      'siti@example.com',
      '081234567890',
      'abc.def-ghi',
      'eyJhbGci',
      's3cret',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('postgres://kasir:[REDACTED]@db:5432/x');
  });

  it('redacts the message and stack of errors', () => {
    const error = new Error('cannot reach postgres://kasir:s3cret@db:5432/x');
    const result = redact({ error }) as { error: { message: string; stack: string } };
    expect(result.error.message).not.toContain('s3cret');
    expect(result.error.stack).not.toContain('s3cret');
  });

  it('describes a failed query by SQLSTATE, table and placeholders, never by its values', () => {
    const driverError = Object.assign(
      new Error('duplicate key value violates unique constraint "users_email_live_key"'),
      {
        code: '23505',
        severity: 'ERROR',
        table: 'users',
        constraint: 'users_email_live_key',
        detail: 'Key (email)=(siti@example.com) already exists.',
        routine: '_bt_check_unique',
      },
    );
    const hash = 'pbkdf2-sha256$100000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2g';
    const queryError = Object.assign(
      new Error(`Failed query: insert into "users" ("name", "password_hash") values ($1, $2)
params: Siti,${hash}`),
      {
        query: 'insert into "users" ("name", "password_hash") values ($1, $2)',
        params: ['Siti', hash],
        cause: driverError,
      },
    );
    const result = redact({ error: queryError }) as { error: Record<string, unknown> };
    expect(result.error).toMatchObject({
      message: 'database error 23505',
      database: {
        sqlState: '23505',
        table: 'users',
        constraint: 'users_email_live_key',
        routine: '_bt_check_unique',
      },
      statement: 'insert into "users" ("name", "password_hash") values ($1, $2)',
    });
    const text = JSON.stringify(result);
    for (const secret of [hash, 'c2FsdHNhbHRzYWx0c2FsdA', 'Siti', 'siti@example.com', 'params']) {
      expect(text).not.toContain(secret);
    }
  });
});
