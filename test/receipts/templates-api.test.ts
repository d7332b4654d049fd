import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { receiptTemplates } from '../../src/db/schema';
import type {
  effectiveReceiptTemplateSchema,
  receiptTemplateSchema,
} from '../../src/routes/v1/receipt-templates/schemas';
import { effectiveTemplate } from '../../src/services/receipts/template-cache';
import { auditRows, env } from '../support/auth';
import { createStore, withDatabase } from '../support/factories';
import { readProblem } from '../support/worker';
import { type Member, member, send, tenant } from '../users/helpers';

const base = '/api/v1/receipt-templates';

type TemplateBody = z.infer<typeof receiptTemplateSchema>;
type EffectiveBody = z.infer<typeof effectiveReceiptTemplateSchema>;

let companyId: string;
let owner: Member;
let manager: Member;
let cashier: Member;
let storeId: string;

beforeAll(async () => {
  const created = await tenant();
  companyId = created.company.id;
  owner = created.owner;
  [manager, cashier] = await Promise.all([
    member(companyId, 'manager'),
    member(companyId, 'cashier'),
  ]);
  storeId = (await createStore(companyId, { name: 'Kopi Kita Ubud', timezone: 'Asia/Makassar' }))
    .id;
});

async function createTemplate(session: Member, body: Record<string, unknown>) {
  const response = await send(session.session, 'POST', base, body);
  expect(response.status, await response.clone().text()).toBe(201);
  return response.json<TemplateBody>();
}

async function effective(session: Member, store?: string) {
  const response = await send(
    session.session,
    'GET',
    `${base}/effective${store ? `?storeId=${store}` : ''}`,
  );
  expect(response.status).toBe(200);
  return response.json<EffectiveBody>();
}

async function previewText(session: Member, body: Record<string, unknown> = {}) {
  const response = await send(session.session, 'POST', `${base}/preview`, {
    format: 'text',
    ...body,
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return response.text();
}

describe('receipt templates API', () => {
  it('creates, reads, updates and soft-deletes a template, with audit rows', async () => {
    const created = await createTemplate(owner, {
      name: 'Struk toko Ubud',
      storeId,
      paperWidthMm: 80,
      header: 'IG @kopikita',
      footer: 'Terima kasih, sampai jumpa!',
      showNpwp: false,
    });
    expect(created).toMatchObject({
      storeId,
      paperWidthMm: 80,
      header: 'IG @kopikita',
      showNpwp: false,
      showCashier: true,
      version: 1,
    });

    const list = await send(cashier.session, 'GET', base);
    expect(list.status).toBe(200);
    expect((await list.json<{ data: TemplateBody[] }>()).data.map((row) => row.id)).toContain(
      created.id,
    );
    const got = await send(cashier.session, 'GET', `${base}/${created.id}`);
    expect(await got.json()).toMatchObject({ id: created.id, name: 'Struk toko Ubud' });

    const patched = await send(owner.session, 'PATCH', `${base}/${created.id}`, {
      version: 1,
      footer: 'Matur suksma',
    });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ footer: 'Matur suksma', version: 2 });

    // If-Match works as well as the body's version.
    const viaHeader = await send(
      owner.session,
      'PATCH',
      `${base}/${created.id}`,
      { showCashier: false },
      { 'If-Match': '"2"' },
    );
    expect(await viaHeader.json()).toMatchObject({ showCashier: false, version: 3 });

    const deleted = await send(owner.session, 'DELETE', `${base}/${created.id}`, undefined, {
      'If-Match': '3',
    });
    expect(deleted.status).toBe(204);
    expect((await send(owner.session, 'GET', `${base}/${created.id}`)).status).toBe(404);
    const [row] = await withDatabase(({ db }) =>
      db.select().from(receiptTemplates).where(eq(receiptTemplates.id, created.id)),
    );
    expect(row?.deletedAt).toBeInstanceOf(Date);

    const actions = (await auditRows(companyId))
      .filter((audit) => audit.entityId === created.id)
      .map((audit) => audit.action);
    expect(actions).toEqual([
      'receipt_template.create',
      'receipt_template.update',
      'receipt_template.update',
      'receipt_template.delete',
    ]);
  });

  it('lets every staff member read and preview, but only settings.manage write', async () => {
    const created = await createTemplate(owner, { name: 'Bawaan perusahaan' });
    try {
      for (const who of [cashier, manager]) {
        expect((await send(who.session, 'GET', base)).status).toBe(200);
        expect((await send(who.session, 'GET', `${base}/${created.id}`)).status).toBe(200);
        expect(
          (await send(who.session, 'POST', `${base}/preview`, { format: 'text' })).status,
        ).toBe(200);
        const writes = [
          await send(who.session, 'POST', base, { name: 'Lain', storeId }),
          await send(who.session, 'PATCH', `${base}/${created.id}`, { version: 1, footer: 'x' }),
          await send(who.session, 'DELETE', `${base}/${created.id}`),
        ];
        for (const response of writes) {
          expect(response.status).toBe(403);
          expect((await readProblem(response)).code).toBe('FORBIDDEN');
        }
      }
      expect((await send(owner.session, 'GET', `${base}/${created.id}`)).status).toBe(200);
    } finally {
      await send(owner.session, 'DELETE', `${base}/${created.id}`);
    }
  });

  it('refuses a header or footer that is not valid Liquid, naming the line', async () => {
    const response = await send(owner.session, 'POST', base, {
      name: 'Rusak',
      header: 'Baris satu\nBaris dua\n{% if store.name %}tanpa endif',
    });
    expect(response.status).toBe(422);
    const problem = (await readProblem(response)) as Awaited<ReturnType<typeof readProblem>> & {
      field: string;
      line: number;
    };
    expect(problem).toMatchObject({ code: 'UNPROCESSABLE', field: 'header', line: 3 });
    expect(problem.detail).toMatch(/baris 3/);

    const english = await send(
      owner.session,
      'POST',
      base,
      { name: 'Rusak', footer: 'ok\n{{ store.nama }}' },
      { 'Accept-Language': 'en' },
    );
    expect(english.status).toBe(422);
    expect((await readProblem(english)).detail).toMatch(/footer template is invalid at line 2/);
  });

  it('refuses a store of another company as not found, and hides its templates', async () => {
    const other = await tenant();
    const otherStore = await createStore(other.company.id);
    const response = await send(owner.session, 'POST', base, {
      name: 'Nyasar',
      storeId: otherStore.id,
    });
    expect(response.status).toBe(404);
    expect((await readProblem(response)).code).toBe('NOT_FOUND');

    const theirs = await createTemplate(other.owner, { name: 'Punya orang' });
    expect((await send(owner.session, 'GET', `${base}/${theirs.id}`)).status).toBe(404);
    expect(
      (await send(owner.session, 'PATCH', `${base}/${theirs.id}`, { version: 1, footer: 'x' }))
        .status,
    ).toBe(404);
    expect((await send(owner.session, 'DELETE', `${base}/${theirs.id}`)).status).toBe(404);
    expect(
      (await send(owner.session, 'GET', `${base}/effective?storeId=${otherStore.id}`)).status,
    ).toBe(404);
  });

  it('answers a stale version with 409 and the current template', async () => {
    const created = await createTemplate(owner, { name: 'Versi', storeId });
    try {
      await send(owner.session, 'PATCH', `${base}/${created.id}`, { version: 1, header: 'baru' });
      const stale = await send(owner.session, 'PATCH', `${base}/${created.id}`, {
        version: 1,
        header: 'lama',
      });
      expect(stale.status).toBe(409);
      const problem = (await stale.json()) as { code: string; current: TemplateBody };
      expect(problem.code).toBe('CONFLICT');
      expect(problem.current).toMatchObject({ id: created.id, header: 'baru', version: 2 });
      const missing = await send(owner.session, 'PATCH', `${base}/${created.id}`, { header: 'x' });
      expect(missing.status).toBe(400);
    } finally {
      await send(owner.session, 'DELETE', `${base}/${created.id}`);
    }
  });

  it('keeps one live template per scope', async () => {
    const first = await createTemplate(owner, { name: 'Satu', storeId });
    try {
      const second = await send(owner.session, 'POST', base, { name: 'Dua', storeId });
      expect(second.status).toBe(409);
    } finally {
      await send(owner.session, 'DELETE', `${base}/${first.id}`);
    }
    // After the soft delete the scope is free again.
    const again = await createTemplate(owner, { name: 'Tiga', storeId });
    await send(owner.session, 'DELETE', `${base}/${again.id}`);
  });

  it('stores whole bodies, and refuses a body that does not parse with its line', async () => {
    const { company: fresh, owner: freshOwner } = await tenant();
    const stored = await send(freshOwner.session, 'POST', base, {
      name: 'Badan',
      htmlTemplate: '<p>{{ business.name }}</p>',
    });
    expect(stored.status).toBe(201);
    expect(await stored.json()).toMatchObject({ htmlTemplate: '<p>{{ business.name }}</p>' });
    const broken = await send(freshOwner.session, 'POST', base, {
      name: 'Rusak',
      storeId: (await createStore(fresh.id)).id,
      textTemplate: 'a\nb\n{% for x in items %}',
    });
    expect(broken.status).toBe(422);
    expect(await broken.json()).toMatchObject({ field: 'textTemplate', line: 3 });
  });
});

describe('effective template and its cache', () => {
  it('falls back store → company → built-in, and sees every write at once', async () => {
    const { company, owner: boss } = await tenant();
    const store = await createStore(company.id);

    expect(await effective(boss, store.id)).toMatchObject({
      source: 'builtin',
      footer: 'Terima kasih',
    });

    const companyDefault = await createTemplate(boss, { name: 'Bawaan', footer: 'Salam hangat' });
    expect(await effective(boss, store.id)).toMatchObject({
      source: 'company',
      id: companyDefault.id,
      footer: 'Salam hangat',
    });
    expect(await previewText(boss, { storeId: store.id })).toContain('Salam hangat');

    const override = await createTemplate(boss, {
      name: 'Toko',
      storeId: store.id,
      paperWidthMm: 80,
      footer: 'Khusus toko ini',
    });
    expect(await effective(boss, store.id)).toMatchObject({ source: 'store', id: override.id });
    expect(await effective(boss)).toMatchObject({ source: 'company', id: companyDefault.id });

    await send(boss.session, 'PATCH', `${base}/${override.id}`, { version: 1, footer: 'Diubah' });
    expect(await effective(boss, store.id)).toMatchObject({ footer: 'Diubah', version: 2 });
    const text = await previewText(boss, { storeId: store.id });
    expect(text).toContain('Diubah');
    // 80 mm paper: 48 columns by default.
    expect(text.split('\n')).toContain('-'.repeat(48));

    await send(boss.session, 'DELETE', `${base}/${override.id}`);
    expect(await effective(boss, store.id)).toMatchObject({ source: 'company' });
    await send(boss.session, 'DELETE', `${base}/${companyDefault.id}`);
    expect(await effective(boss, store.id)).toMatchObject({ source: 'builtin' });
  });

  it('serves from KV until the company generation moves on', async () => {
    const { company, owner: boss } = await tenant();
    const created = await createTemplate(boss, { name: 'Bawaan', footer: 'Asli' });
    await withDatabase(async ({ db }) => {
      expect(await effectiveTemplate(env, db, company.id, null)).toMatchObject({ footer: 'Asli' });
      // A change behind the API's back is not seen: the cached entry answers.
      await db
        .update(receiptTemplates)
        .set({ footer: 'Diam-diam' })
        .where(eq(receiptTemplates.id, created.id));
      expect(await effectiveTemplate(env, db, company.id, null)).toMatchObject({ footer: 'Asli' });
    });
    // A write through the API retires the company's entries.
    await send(boss.session, 'PATCH', `${base}/${created.id}`, { version: 1, header: 'Baru' });
    await withDatabase(async ({ db }) => {
      expect(await effectiveTemplate(env, db, company.id, null)).toMatchObject({
        footer: 'Diam-diam',
        header: 'Baru',
      });
    });
  });
});

describe('preview', () => {
  it('renders the sample café sale as text at the asked width', async () => {
    const response = await send(owner.session, 'POST', `${base}/preview`, {
      format: 'text',
      width: 32,
      header: 'Wifi: kopikita / {{ store.code }}',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const expected of [
      'Es Kopi Susu',
      '  + Extra shot          Rp 5.000',
      '  2 x Rp 23.000        Rp 46.000',
      'Croissant',
      'PBJT 10%                Rp 7.140',
      'Biaya layanan 5%        Rp 3.400',
      'Kembalian              Rp 21.500',
      'Wifi: kopikita / UBD',
      '25/11/2026, 14.05 WITA',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text.split('\n').every((line) => line.length <= 32)).toBe(true);
  });

  it('renders HTML, and a custom body, escaped', async () => {
    const response = await send(owner.session, 'POST', `${base}/preview`, {
      format: 'html',
      width: 48,
      header: '<b>Promo</b>',
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('&lt;b&gt;Promo&lt;/b&gt;');
    expect(html).toContain('.receipt { width: 80mm;');

    const custom = await send(owner.session, 'POST', `${base}/preview`, {
      format: 'html',
      htmlTemplate: '<h1>{{ business.name }}</h1>\n<p>{{ totals.total | rupiah }}</p>',
    });
    expect(await custom.text()).toBe('<h1>Kopi Kita</h1>\n<p>Rp 78.500</p>');
  });

  it('refuses a broken body with its line', async () => {
    const response = await send(owner.session, 'POST', `${base}/preview`, {
      format: 'text',
      textTemplate: 'a\nb\n{% for x in items %}',
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ field: 'textTemplate', line: 3 });
  });
});
