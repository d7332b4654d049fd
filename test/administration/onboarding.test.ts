import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { idempotencyKeys, storeSettings, transactions, users } from '../../src/db/schema';
import { auditRows, signIn } from '../support/auth';
import { withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { send, stringsIn } from '../users/helpers';
import {
  companiesNamed,
  initialPassword,
  type OnboardingBody,
  onboard,
  onboardingBody,
  platformAdmin,
  storesOfCompany,
  uniqueTag,
} from './helpers';

describe('POST /api/v1/platform/companies (onboarding)', () => {
  it('onboards a restaurant whose owner signs in, sets a password, adds a product and sells with the store’s tax', async () => {
    const admin = await platformAdmin();
    const body = onboardingBody();
    const response = await onboard(admin, body);
    expect(response.status).toBe(201);
    const made = await response.json<OnboardingBody>();
    expect(made.company).toMatchObject({ name: body.company.name, npwp: '023456789012000' });
    expect(made.owner).toMatchObject({ role: 'owner', mustChangePassword: true });
    expect(made.stores).toHaveLength(1);
    expect(made.stores[0]).toMatchObject({ taxRegime: 'pbjt', taxRateBasisPoints: 1000 });
    expect(stringsIn(made).join(' ')).not.toContain(initialPassword);

    // The owner's first session may only change the password.
    const owner = await signIn(
      { email: body.owner.email, phone: null },
      { password: initialPassword },
    );
    const refused = await send(owner, 'GET', '/api/v1/products');
    expect(refused.status).toBe(403);
    expect((await readProblem(refused)).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const me = await send(owner, 'GET', '/api/v1/me');
    expect(
      (await me.json<{ user: { mustChangePassword: boolean } }>()).user.mustChangePassword,
    ).toBe(true);
    const changed = await send(owner, 'POST', '/api/v1/me/password', {
      currentPassword: initialPassword,
      newPassword: 'sate-enak-sekali',
    });
    expect(changed.status).toBe(204);

    const product = await send(owner, 'POST', '/api/v1/products', {
      name: 'Sate Ayam 10 tusuk',
      sku: 'SATE-AYAM',
      price: 30_000,
    });
    expect(product.status).toBe(201);
    const { variants } = await product.json<{ variants: Array<{ id: string }> }>();
    const store = made.stores[0] as OnboardingBody['stores'][number];
    const sale = await send(owner, 'POST', '/api/v1/transactions', {
      storeId: store.id,
      items: [{ variantId: variants[0]?.id, quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(sale.status).toBe(201);
    // PBJT 10 % on Rp 30.000, cash rounded to Rp 500: Rp 33.000.
    const sold = await sale.json<Record<string, unknown>>();
    expect(sold).toMatchObject({
      taxRegime: 'pbjt',
      taxRateBasisPoints: 1000,
      taxTotal: 3_000,
      total: 33_000,
    });
    const [entry] = await withDatabase(({ db }) =>
      db.select().from(storeSettings).where(eq(storeSettings.storeId, store.id)),
    );
    expect(sold.storeSettingsId).toBe(entry?.id);
    const receipt = await send(owner, 'GET', `/api/v1/transactions/${sold.id}/receipt?format=text`);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain('NPWP 02.345.678.9-012.000');

    // Both logs say what the operator did.
    const [platformRow] = await auditRows(admin.companyId, 'company.onboard');
    expect(platformRow).toMatchObject({ actorUserId: admin.user.id, entityId: made.company.id });
    expect(platformRow?.after).toMatchObject({ targetCompanyId: made.company.id });
    const [tenantRow] = await auditRows(made.company.id, 'company.onboard');
    expect(tenantRow).toMatchObject({ actorUserId: admin.user.id, entityId: made.company.id });
  });

  it('makes exactly one of everything for retries and concurrent duplicates of one key', async () => {
    const admin = await platformAdmin();
    const body = onboardingBody();
    const key = `onboard-${crypto.randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 5 }, () => onboard(admin, body, key)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 201]);
    const ids = await Promise.all(
      answers.map(async (answer) => (await answer.json<OnboardingBody>()).company.id),
    );
    expect(new Set(ids).size).toBe(1);

    const retry = await onboard(admin, body, key);
    expect(retry.status).toBe(200);
    expect((await retry.json<OnboardingBody>()).company.id).toBe(ids[0]);

    const [company, ...others] = await companiesNamed(body.company.name);
    expect(others).toEqual([]);
    expect(await storesOfCompany(company?.id ?? '')).toHaveLength(1);
    const owners = await withDatabase(({ db }) =>
      db.select().from(users).where(eq(users.email, body.owner.email)),
    );
    expect(owners).toHaveLength(1);
    expect(await auditRows(company?.id ?? '', 'company.onboard')).toHaveLength(1);
  });

  it('answers 409 to the same key with another body, writing nothing', async () => {
    const admin = await platformAdmin();
    const key = `onboard-${crypto.randomUUID()}`;
    expect((await onboard(admin, onboardingBody(), key)).status).toBe(201);
    const other = onboardingBody();
    const response = await onboard(admin, other, key);
    expect(response.status).toBe(409);
    const problem = await readProblem(response);
    expect(problem.code).toBe('CONFLICT');
    expect(problem.detail).toBe(
      'Idempotency-Key ini sudah dipakai untuk permintaan dengan isi lain.',
    );
    expect(await companiesNamed(other.company.name)).toEqual([]);
  });

  it('refuses PPN for a company that is not a PKP, and other invalid settings, with 422 and the field', async () => {
    const admin = await platformAdmin();
    const key = `onboard-${crypto.randomUUID()}`;
    const base = onboardingBody();
    const store = base.stores[0] as Record<string, unknown>;
    const cases = [
      [
        { ...store, taxRegime: 'ppn', taxRateBasisPoints: 1100 },
        'stores.0.taxRegime',
        'requires_pkp',
      ],
      [
        { ...store, taxRateBasisPoints: 1100 },
        'stores.0.taxRateBasisPoints',
        'above_legal_maximum',
      ],
      [{ ...store, taxRegime: 'none' }, 'stores.0.taxRateBasisPoints', 'rate_without_regime'],
      [{ ...store, cashRoundingStep: 250 }, 'stores.0.cashRoundingStep', 'rounding_step'],
    ] as const;
    for (const [badStore, path, code] of cases) {
      const response = await onboard(admin, { ...base, stores: [badStore] }, key);
      expect(response.status).toBe(422);
      const problem = await readProblem(response);
      expect(problem.errors).toContainEqual(expect.objectContaining({ path, code }));
    }
    const english = await onboard(admin, { ...base, stores: [cases[0][0]] }, key, {
      'Accept-Language': 'en',
    });
    expect((await readProblem(english)).errors?.[0]?.message).toBe(
      'Only a company registered as PKP may charge PPN.',
    );
    // Nothing was written, not even the key: the corrected request goes through with it.
    expect(await companiesNamed(base.company.name)).toEqual([]);
    expect((await onboard(admin, base, key)).status).toBe(201);
  });

  it('refuses malformed bodies with paths, a missing key, a login already taken, and anyone but an operator', async () => {
    const admin = await platformAdmin();
    const base = onboardingBody();
    const missingKey = await onboard(admin, base, null);
    expect(missingKey.status).toBe(400);
    expect((await readProblem(missingKey)).errors?.[0]?.path).toBe('idempotency-key');

    const malformed = await onboard(admin, {
      ...base,
      company: { ...base.company, npwp: '12-34' },
      owner: { name: 'Tanpa Login', initialPassword },
      stores: [],
    });
    expect(malformed.status).toBe(400);
    const paths = (await readProblem(malformed)).errors?.map((error) => error.path);
    expect(paths).toEqual(expect.arrayContaining(['company.npwp', 'owner.email', 'stores']));

    const first = onboardingBody();
    expect((await onboard(admin, first)).status).toBe(201);
    const taken = onboardingBody(uniqueTag(), {
      owner: { name: 'Orang Lain', email: first.owner.email, initialPassword },
    });
    expect((await onboard(admin, taken)).status).toBe(409);
    expect(await companiesNamed(taken.company.name)).toEqual([]);

    const keysBefore = await withDatabase(({ db }) =>
      db.select().from(idempotencyKeys).where(eq(idempotencyKeys.companyId, admin.companyId)),
    );
    const tenantOwner = await onboardAndSignIn(admin);
    const refused = await onboard(tenantOwner, onboardingBody());
    expect(refused.status).toBe(403);
    const keysAfter = await withDatabase(({ db }) =>
      db.select().from(idempotencyKeys).where(eq(idempotencyKeys.companyId, admin.companyId)),
    );
    expect(keysAfter).toHaveLength(keysBefore.length + 1);
  });

  it('never lets an operator sell', async () => {
    const admin = await platformAdmin();
    const made = await (await onboard(admin, onboardingBody())).json<OnboardingBody>();
    const sale = await send(admin.session, 'POST', '/api/v1/transactions', {
      storeId: made.stores[0]?.id,
      items: [{ variantId: crypto.randomUUID(), quantity: 1 }],
      payments: [{ method: 'cash', tendered: 50_000 }],
    });
    expect(sale.status).toBe(403);
    const sales = await withDatabase(({ db }) =>
      db.select().from(transactions).where(eq(transactions.companyId, made.company.id)),
    );
    expect(sales).toEqual([]);
  });
});

/** Onboards a company and signs its owner in with a password of their own. */
async function onboardAndSignIn(admin: Awaited<ReturnType<typeof platformAdmin>>) {
  const body = onboardingBody();
  expect((await onboard(admin, body)).status).toBe(201);
  const session = await signIn(
    { email: body.owner.email, phone: null },
    { password: initialPassword },
  );
  const changed = await send(session, 'POST', '/api/v1/me/password', {
    currentPassword: initialPassword,
    newPassword: 'pemilik-baru-2026',
  });
  expect(changed.status).toBe(204);
  return { session };
}
