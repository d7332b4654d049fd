import { describe, expect, it } from 'vitest';
import { readProblem } from '../support/worker';
import { send, tenant } from './helpers';

/**
 * Two owners adding the same e-mail at the same moment both pass the "is it taken?" check; the
 * unique index stops the second. Whichever way the race goes, the answers are one 201 and one
 * 409 users.loginTaken — never a 500 (src/db/unique-violation.ts).
 */
describe('two creates of the same login at once', () => {
  it('answer one 201 and one 409, every time', async () => {
    const [first, second] = await Promise.all([tenant(), tenant()]);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const email = `kembar-${crypto.randomUUID()}@kasir.test`;
      const body = (name: string) => ({ name, email, role: 'cashier', password: 'sandi-kasir-1' });
      const responses = await Promise.all([
        send(first.owner.session, 'POST', '/api/v1/users', body('Budi')),
        send(second.owner.session, 'POST', '/api/v1/users', body('Sari')),
      ]);
      expect(responses.map((response) => response.status).sort()).toEqual([201, 409]);
      const refused = responses.find((response) => response.status === 409);
      expect((await readProblem(refused as Response)).detail).toBe(
        'Email atau nomor HP ini sudah dipakai pengguna lain.',
      );
    }
  });
});
