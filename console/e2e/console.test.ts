import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { demoPassword } from '../../scripts/db/demo-data';
import { artifactsDir, type ConsoleStack, startConsoleStack } from './stack';

/**
 * The console in a real browser against the real local stack (console/e2e/stack.ts): what an
 * owner, a manager, a cashier and an operator can and cannot do, the numbers agreeing with the
 * API's, no console errors, and no serious accessibility violations on the main screens.
 */
let stack: ConsoleStack;
/** For what waits on the API (a save, a page's data): well past a slow CI machine's answer. */
const eventually = { timeout: 15_000 };
let context: BrowserContext;
let page: Page;
const consoleErrors: string[] = [];

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

beforeAll(async () => {
  stack = await startConsoleStack();
}, 240_000);

afterAll(async () => {
  await stack?.stop();
});

async function openBrowser(viewport = { width: 1280, height: 900 }) {
  context = await stack.browser.newContext({ viewport, locale: 'id-ID' });
  page = await context.newPage();
  // A failing step leaves the screen it failed on, for whoever reads CI's artifacts.
  const current = page;
  onTestFailed(async ({ task }) => {
    const name = task.name.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 80);
    await current
      .screenshot({ path: join(artifactsDir, `failed-${name}.png`), fullPage: true })
      .catch(() => {});
  });
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(`page error: ${error.message}`));
}

/** The errors the page logged since the last call. */
function takeConsoleErrors(): string[] {
  return consoleErrors.splice(0);
}

async function screenshot(name: string) {
  await page.screenshot({ path: join(artifactsDir, `${name}.png`), fullPage: true });
}

/** axe-core on the current screen: no serious or critical violation. */
async function expectAccessible(screen: string) {
  await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run: () => Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run();
    return (
      result.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>
    )
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map(
        (violation) =>
          `${violation.id} (${violation.impact}): ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
  });
  expect(violations, screen).toEqual([]);
}

/**
 * Through the menu to a page, waiting for its own heading: pages load on demand, and until the
 * new one has arrived the old one is still on screen (and still answers clicks).
 */
async function goTo(link: string, path: RegExp, heading: string) {
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.waitForURL(path);
  await page.getByRole('heading', { level: 1, name: heading, exact: true }).waitFor();
}

async function signInThroughConsole(login: string, password = demoPassword) {
  await page.goto(stack.consoleUrl);
  await page.waitForURL(/\/login/);
  await page.getByLabel(/E-mail atau nomor HP|E-mail or phone number/).fill(login);
  await page.getByLabel(/Kata sandi|Password/).fill(password);
  await page.getByRole('button', { name: /^(Masuk|Sign in)$/ }).click();
}

async function api<T>(
  path: string,
  init: { method?: string; token?: string; body?: unknown } = {},
) {
  const response = await fetch(`${stack.apiUrl}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      ...(init.token ? { Authorization: `Bearer ${init.token}` } : {}),
      ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function apiToken(email: string, password = demoPassword): Promise<string> {
  const tokens = await api<{ accessToken: string }>('/api/v1/auth/login', {
    method: 'POST',
    body: {
      email,
      password,
      device: { fingerprint: `console-test-${crypto.randomUUID()}`, name: 'Tes', platform: 'test' },
    },
  });
  return tokens.accessToken;
}

function rupiah(amount: number): string {
  return new Intl.NumberFormat('id-ID', {
    style: 'currency',
    currency: 'IDR',
    maximumFractionDigits: 0,
  })
    .format(amount)
    .replace(/\u00a0/g, ' ');
}

function rupiahValue(text: string): number {
  return Number(text.replace(/[^\d-]/g, ''));
}

interface MeBody {
  stores: Array<{ id: string; code: string; name: string }>;
}

describe('the console in a browser', () => {
  it('refuses a cashier at sign-in, in the chosen language, and opens nothing', async () => {
    await openBrowser();
    await signInThroughConsole('kasir@kopinusantara.test');
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('tidak dapat masuk ke konsol');
    expect(page.url()).toContain('/login');
    await expectAccessible('sign-in (refused)');
    await screenshot('sign-in-refused');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('cannot sign in to the console');
    expect(await page.getByLabel('E-mail or phone number').inputValue()).toBe(
      'kasir@kopinusantara.test',
    );
    // The two refusals (403), as the browser logs every refused request; nothing else.
    const errors = takeConsoleErrors();
    expect(errors).toHaveLength(2);
    for (const error of errors) expect(error).toContain('status of 403');
    await context.close();
  });

  it('shows an owner a sale made through the API on today’s dashboard, with the same total', async () => {
    await openBrowser();
    await signInThroughConsole('pemilik@kopinusantara.test');
    await page.waitForURL(/\/today/);
    const ownerToken = await apiToken('pemilik@kopinusantara.test');
    const me = await api<MeBody>('/api/v1/me', { token: ownerToken });
    const kemang = me.stores.find((store) => store.code === 'JKT01');
    if (!kemang) throw new Error('the demo store JKT01 is missing');
    await page.getByLabel('Toko').selectOption(kemang.id);
    const salesFigure = page.getByTestId('today-sales');
    await expect.poll(() => salesFigure.textContent()).toMatch(/^Rp/);
    // The figures are labelled in words, not message keys.
    expect(await page.getByText('Rata-rata per transaksi', { exact: true }).count()).toBe(1);
    const before = rupiahValue((await salesFigure.textContent()) ?? '');

    // The demo cashier sells at Kemang through the till's API.
    const cashierToken = await apiToken('kasir@kopinusantara.test');
    const products = await api<{
      data: Array<{ isActive: boolean; variants: Array<{ id: string }> }>;
    }>(`/api/v1/products?storeId=${kemang.id}&limit=20`, { token: cashierToken });
    // The demo stock opens with plenty of everything (scripts/db/demo-data.ts).
    const variantId = products.data.find((product) => product.isActive)?.variants[0]?.id;
    if (!variantId) throw new Error('no active demo variant to sell');
    const sale = await api<{ total: number }>('/api/v1/transactions', {
      method: 'POST',
      token: cashierToken,
      body: {
        id: crypto.randomUUID(),
        storeId: kemang.id,
        items: [{ variantId, quantity: 2 }],
        payments: [{ method: 'cash', tendered: 1_000_000 }],
      },
    });
    expect(sale.total).toBeGreaterThan(0);

    // The dashboard asks again on its own (every 5 s while the day is being recomputed).
    await expect
      .poll(() => salesFigure.textContent(), { timeout: 60_000, interval: 1_000 })
      .toBe(rupiah(before + sale.total));
    await expect
      .poll(() => page.getByRole('cell', { name: 'Tunai' }).count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectAccessible('today');
    await screenshot('today-desktop');

    // Stock: an adjustment at Kemang, then its movement.
    await goTo('Stok', /\/stock$/, 'Stok');
    await page.getByLabel('Toko').selectOption(kemang.id);
    await page.getByLabel('Jenis perubahan').selectOption('adjustment');
    await expect
      .poll(() => page.getByLabel('Produk').locator('option').count(), eventually)
      .toBeGreaterThan(0);
    await page.getByLabel('Perubahan jumlah (mis. -2 atau 5)').fill('5');
    await page.getByLabel('Alasan').fill('Kiriman tambahan dari gudang');
    await page.getByRole('button', { name: 'Simpan' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), eventually)
      .toContain('Stok diperbarui');
    await expectAccessible('stock');
    await screenshot('stock');
    await page.getByRole('tab', { name: 'Mutasi stok' }).click();
    await expect
      .poll(
        () => page.getByRole('cell', { name: 'Kiriman tambahan dari gudang' }).count(),
        eventually,
      )
      .toBe(1);
    await goTo('Hari ini', /\/today/, 'Penjualan hari ini');
    await page.getByLabel('Toko').selectOption(kemang.id);

    // A reload keeps the session (the refresh cookie), the page and the store.
    await page.reload();
    await page.waitForURL(/\/today\?store=/);
    await expect
      .poll(() => salesFigure.textContent(), eventually)
      .toBe(rupiah(before + sale.total));

    // On a phone.
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot('today-phone');

    // Signing out ends the session: a reload stays signed out.
    await page.getByRole('button', { name: 'Keluar' }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${stack.consoleUrl}/today`);
    await page.waitForURL(/\/login/);
    expect(takeConsoleErrors()).toEqual([]);
    await context.close();
  });

  it('lets an owner void and refund sales, read a shift, manage staff and find it all in the audit log', async () => {
    const ownerToken = await apiToken('pemilik@kopinusantara.test');
    const me = await api<MeBody>('/api/v1/me', { token: ownerToken });
    const kemang = me.stores.find((store) => store.code === 'JKT01');
    if (!kemang) throw new Error('the demo store JKT01 is missing');
    // The demo cashier opens a shift and makes two sales through the till's API.
    const cashierToken = await apiToken('kasir@kopinusantara.test');
    await api('/api/v1/shifts', {
      method: 'POST',
      token: cashierToken,
      body: { id: crypto.randomUUID(), storeId: kemang.id, openingCash: 200_000 },
    });
    const products = await api<{
      data: Array<{ isActive: boolean; variants: Array<{ id: string }> }>;
    }>(`/api/v1/products?storeId=${kemang.id}&limit=20`, { token: cashierToken });
    const variantId = products.data.find((product) => product.isActive)?.variants[0]?.id;
    if (!variantId) throw new Error('no demo variant to sell');
    const sell = () =>
      api<{ number: string; total: number }>('/api/v1/transactions', {
        method: 'POST',
        token: cashierToken,
        body: {
          id: crypto.randomUUID(),
          storeId: kemang.id,
          items: [{ variantId, quantity: 2 }],
          payments: [{ method: 'cash', tendered: 1_000_000 }],
        },
      });
    const toVoid = await sell();
    const toRefund = await sell();

    await openBrowser();
    await signInThroughConsole('pemilik@kopinusantara.test');
    await page.waitForURL(/\/today/);

    // Sales: the receipt, a void, a refund.
    await goTo('Penjualan', /\/sales$/, 'Penjualan');
    await page.getByLabel('Toko').selectOption(kemang.id);
    await page.getByRole('button', { name: `Buka transaksi ${toVoid.number}` }).click();
    await expect
      .poll(() => page.getByTestId('sale-receipt-text').textContent(), eventually)
      .toContain(toVoid.number);
    // The digital receipt too, rendered by the API in a sandboxed frame.
    await expect
      .poll(
        () => page.frameLocator('iframe.receipt-html').getByText(toVoid.number).count(),
        eventually,
      )
      .toBeGreaterThan(0);
    await expectAccessible('sale');
    await screenshot('sale-detail');
    await page.getByLabel('Alasan void').fill('Salah input pesanan');
    await page.getByRole('button', { name: 'Batalkan transaksi (void)' }).click();
    await expect
      .poll(
        () => page.getByText(`Transaksi ${toVoid.number} telah dibatalkan (void).`).count(),
        eventually,
      )
      .toBe(1);
    await page.getByRole('button', { name: `Buka transaksi ${toRefund.number}` }).click();
    await page.getByLabel('Alasan refund').fill('Pelanggan komplain');
    await page.getByRole('button', { name: 'Isi semua sisa' }).click();
    await page.getByRole('button', { name: 'Refund barang' }).click();
    await expect
      .poll(() => page.getByText(/Refund .* tercatat/).count(), eventually)
      .toBeGreaterThan(0);

    // The shift the sales belong to, with its running X report.
    await goTo('Shift', /\/shifts$/, 'Shift');
    await page.getByLabel('Toko').selectOption(kemang.id);
    await page
      .getByRole('button', { name: /^Tes, / })
      .first()
      .click();
    await expect
      .poll(() => page.getByRole('heading', { name: /Laporan X/ }).count(), eventually)
      .toBe(1);
    await expectAccessible('shift');
    await screenshot('shift-report');

    // Staff: a new cashier for Kemang, then deactivated.
    await goTo('Staf', /\/staff$/, 'Staf');
    const newStaff = page.getByRole('article', { name: 'Staf baru' });
    const staffName = `Kasir Baru ${crypto.randomUUID().slice(0, 4)}`;
    await newStaff.getByLabel('Nama', { exact: true }).fill(staffName);
    await newStaff
      .getByLabel('E-mail')
      .fill(`kasir-${crypto.randomUUID().slice(0, 8)}@kopinusantara.test`);
    await newStaff.getByLabel('Kata sandi').fill('kasir-baru-2026');
    await newStaff.getByLabel('Kopi Nusantara Kemang (JKT01)').check();
    await newStaff.getByRole('button', { name: 'Tambah staf' }).click();
    await expect
      .poll(() => newStaff.getByText(`Staf ${staffName} ditambahkan.`).count(), eventually)
      .toBe(1);
    await page.getByRole('button', { name: staffName, exact: true }).click();
    await page.getByRole('button', { name: 'Nonaktifkan' }).click();
    await expect
      .poll(
        () => page.getByText(`${staffName} dinonaktifkan; semua sesinya diakhiri.`).count(),
        eventually,
      )
      .toBe(1);
    await expectAccessible('staff');
    await screenshot('staff');

    // The audit log has all of it, named.
    await goTo('Log audit', /\/audit$/, 'Log audit');
    for (const action of ['user.deactivate', 'user.create', 'transaction.void']) {
      await expect
        .poll(() => page.getByText(action, { exact: true }).count(), eventually)
        .toBeGreaterThan(0);
    }
    await expectAccessible('audit log');
    await screenshot('audit-log');
    expect(takeConsoleErrors()).toEqual([]);
    await context.close();
  });

  it('shows a manager of one store that store only', async () => {
    const ownerToken = await apiToken('pemilik@kopinusantara.test');
    const me = await api<MeBody>('/api/v1/me', { token: ownerToken });
    const seminyak = me.stores.find((store) => store.code === 'DPS01');
    const kemang = me.stores.find((store) => store.code === 'JKT01');
    if (!seminyak || !kemang) throw new Error('the demo stores are missing');
    const email = `manajer-${crypto.randomUUID().slice(0, 8)}@kopinusantara.test`;
    await api('/api/v1/users', {
      method: 'POST',
      token: ownerToken,
      body: {
        name: 'Manajer Seminyak',
        email,
        role: 'manager',
        password: 'manajer-seminyak-2026',
        storeIds: [seminyak.id],
      },
    });

    await openBrowser();
    await signInThroughConsole(email, 'manajer-seminyak-2026');
    await page.waitForURL(/\/today/);
    await expect.poll(() => page.getByText(seminyak.name).count()).toBeGreaterThan(0);
    expect(await page.getByText(kemang.name).count()).toBe(0);
    expect(await page.getByLabel('Toko').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Perusahaan' }).count()).toBe(0);
    expect(takeConsoleErrors()).toEqual([]);
    await context.close();
  });

  it('shows an operator the companies with their health and the API’s own request metrics', async () => {
    await openBrowser();
    await signInThroughConsole('operator@kasir-edge.test');
    await page.waitForURL(/\/platform\/companies$/);
    await expect
      .poll(() => page.getByRole('cell', { name: 'Kopi Nusantara (Demo)' }).count())
      .toBe(1);
    await page.getByLabel('Cari').fill('Sate');
    await expect
      .poll(() => page.getByRole('cell', { name: 'Kopi Nusantara (Demo)' }).count())
      .toBe(0);
    await expect.poll(() => page.getByRole('cell', { name: /Sate/ }).count()).toBeGreaterThan(0);
    await expectAccessible('companies');
    await screenshot('platform-companies');

    await goTo('Pemantauan', /\/platform\/monitoring$/, 'Pemantauan');
    // Every request of this run so far was measured by the Worker: the figure is real and > 0.
    await expect
      .poll(async () =>
        rupiahValue((await page.getByTestId('metric-requests').textContent()) ?? ''),
      )
      .toBeGreaterThan(10);
    await expect.poll(() => page.getByText('GET /api/v1/me').count()).toBeGreaterThan(0);
    await page.getByLabel('Rute').selectOption('/api/v1/me');
    await expect
      .poll(
        async () => page.getByRole('row').filter({ hasText: 'GET /api/v1/platform' }).count(),
        eventually,
      )
      .toBe(0);
    await expect.poll(() => page.getByText('GET /api/v1/me').count(), eventually).toBe(1);
    await expectAccessible('monitoring');
    await screenshot('platform-monitoring');
    expect(takeConsoleErrors()).toEqual([]);
    await context.close();
  });
  it('lets an operator onboard a company whose new owner then runs it from the console', async () => {
    const suffix = crypto.randomUUID().slice(0, 6);
    const companyName = `Warung Uji ${suffix}`;
    const ownerEmail = `pemilik-${suffix}@warunguji.test`;
    const temporaryPassword = 'sementara-2026';
    const ownerPassword = 'pemilik-uji-2026';

    // The operator: the wizard, with the API's refusal shown on the field that caused it.
    await openBrowser();
    await signInThroughConsole('operator@kasir-edge.test');
    await page.waitForURL(/\/platform\/companies$/);
    await page.getByRole('link', { name: 'Daftarkan perusahaan' }).click();
    await page.getByLabel('Nama perusahaan').fill(companyName);
    await page.getByLabel('Alamat', { exact: true }).fill('Jl. Malioboro 1, Yogyakarta');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Nama', { exact: true }).fill('Pemilik Uji');
    await page.getByLabel('E-mail').fill('bukan-email');
    await page.getByLabel('Kata sandi sementara').fill(temporaryPassword);
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByLabel('Kode toko').fill('UJI01');
    await page.getByLabel('Nama toko').fill('Warung Uji Pusat');
    await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    // Refused: back on the owner's step, the message under the e-mail field.
    const emailField = page.getByLabel('E-mail');
    await expect.poll(() => emailField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#field-owner-email-error').textContent()).toBeTruthy();
    await screenshot('onboarding-refused');
    await emailField.fill(ownerEmail);
    for (let step = 0; step < 2; step += 1)
      await page.getByRole('button', { name: 'Lanjut' }).click();
    await page.getByRole('button', { name: 'Daftarkan', exact: true }).click();
    await page.waitForURL(/\/platform\/companies\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { name: companyName }).count()).toBe(1);
    await expect.poll(() => page.getByRole('cell', { name: 'UJI01' }).count()).toBe(1);
    // What operators did here (the onboarding, by this operator), and the store's tills (none yet).
    await expect
      .poll(() => page.getByRole('cell', { name: 'company.onboard' }).count(), eventually)
      .toBe(1);
    await expect
      .poll(() => page.getByText('Belum ada perangkat kasir.').count(), eventually)
      .toBe(1);
    await expectAccessible('company detail');
    await screenshot('platform-company-detail');
    expect(takeConsoleErrors().filter((error) => !error.includes('status of 400'))).toEqual([]);
    await context.close();

    // The new owner: first their own password, then the store, the catalog, a sale, a report.
    await openBrowser();
    await signInThroughConsole(ownerEmail, temporaryPassword);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Ganti kata sandi' }).count())
      .toBe(1);
    await page.getByLabel('Kata sandi saat ini').fill(temporaryPassword);
    await page.getByLabel('Kata sandi baru', { exact: true }).fill(ownerPassword);
    await page.getByLabel('Ulangi kata sandi baru').fill(ownerPassword);
    await page.getByRole('button', { name: 'Ganti kata sandi' }).click();
    // The API lets them in: the page they were headed for appears in place of the form.
    await expect
      .poll(() => page.getByRole('heading', { name: 'Penjualan hari ini' }).count(), eventually)
      .toBe(1);

    await goTo('Toko', /\/stores$/, 'Pengaturan toko');
    const companyForm = page.locator('.company-panel form');
    await companyForm.getByLabel('NPWP').fill('123');
    await companyForm.getByRole('button', { name: 'Simpan data perusahaan' }).click();
    await expect
      .poll(() => companyForm.getByLabel('NPWP').getAttribute('aria-invalid'), eventually)
      .toBe('true');
    await companyForm.getByLabel('NPWP').fill('01.234.567.8-901.000');
    await companyForm.getByLabel('Nama badan usaha').fill(`CV ${companyName}`);
    await companyForm.getByRole('button', { name: 'Simpan data perusahaan' }).click();
    await expect
      .poll(() => companyForm.getByRole('status').textContent(), eventually)
      .toContain('Tersimpan');
    expect(
      takeConsoleErrors().filter(
        (error) => !error.includes('status of 400') && !error.includes('status of 422'),
      ),
    ).toEqual([]);
    const serviceCharge = page.getByLabel('Biaya layanan (%)');
    await expect.poll(() => serviceCharge.inputValue()).toBe('0');
    await serviceCharge.fill('5');
    const settingsForm = page.locator('form', { has: serviceCharge });
    await settingsForm.getByRole('button', { name: 'Simpan', exact: true }).click();
    await expect
      .poll(() => settingsForm.getByRole('status').textContent(), eventually)
      .toContain('Tersimpan');
    await expectAccessible('store settings');
    await screenshot('store-settings');

    // The receipt: the API renders the footer as it is typed, then the store keeps its template.
    const footer = page.getByLabel('Kaki struk');
    await footer.fill('Matur nuwun, sampai jumpa lagi!');
    await expect
      .poll(() => page.getByTestId('receipt-preview-text').textContent(), eventually)
      .toContain('Matur nuwun');
    await page.getByRole('radio', { name: '48 kolom' }).check();
    await expect
      .poll(async () => {
        const text = (await page.getByTestId('receipt-preview-text').textContent()) ?? '';
        return Math.max(...text.split('\n').map((line) => line.length));
      }, eventually)
      .toBe(48);
    await page.getByRole('button', { name: 'Simpan template' }).click();
    await expect
      .poll(() => page.locator('.receipt-panel').getByRole('status').textContent(), eventually)
      .toContain('Tersimpan');
    await expectAccessible('receipt template');
    await screenshot('receipt-template');

    await goTo('Katalog', /\/catalog$/, 'Katalog');
    const modifierForm = page.locator('form', {
      has: page.getByRole('button', { name: 'Buat grup modifier' }),
    });
    await modifierForm.getByLabel('Nama grup').fill('Tambahan');
    await modifierForm.getByLabel('Nama pilihan').fill('Extra shot');
    await modifierForm.getByLabel('Tambahan harga (Rp)').fill('5.000');
    await modifierForm.getByRole('button', { name: 'Buat grup modifier' }).click();
    await expect
      .poll(() => modifierForm.getByRole('status').textContent(), eventually)
      .toContain('Tambahan');
    const productForm = page.locator('form', {
      has: page.getByRole('button', { name: 'Buat produk' }),
    });
    await productForm.getByLabel('Nama', { exact: true }).fill('Kopi Susu Uji');
    await productForm.getByLabel('SKU').fill('KSU-1');
    await productForm.getByLabel('Harga (Rp)').fill('20.000');
    await productForm.getByLabel('Lacak stok').uncheck();
    await productForm.getByLabel(/^Tambahan \(Extra shot\)$/).check();
    await productForm.getByRole('button', { name: 'Buat produk' }).click();
    await expect
      .poll(() => productForm.getByRole('status').textContent(), eventually)
      .toContain('Kopi Susu Uji');
    await expect.poll(() => page.getByRole('row', { name: /KSU-1/ }).count(), eventually).toBe(1);
    // A product with two sizes, then one size's own price in the store, in its history.
    await productForm.getByLabel('Nama', { exact: true }).fill('Es Teh Uji');
    await productForm.getByLabel('SKU').fill('ETU');
    await productForm.getByLabel('Harga (Rp)').fill('8.000');
    await productForm.getByLabel('Nama pilihan varian, mis. Ukuran').fill('Ukuran');
    await productForm.getByLabel('Nilai, dipisah koma, mis. Reguler, Besar').fill('Reguler, Besar');
    await productForm.getByRole('button', { name: 'Buat produk' }).click();
    await expect
      .poll(() => productForm.getByRole('status').textContent(), eventually)
      .toContain('Es Teh Uji');
    await page.getByRole('button', { name: 'Buka Es Teh Uji' }).click();
    await page.getByLabel('Harga toko untuk Es Teh Uji (Besar) (Rp)').fill('12.000');
    await page
      .getByRole('row', { name: /ETU-BESAR/ })
      .getByRole('button', { name: 'Simpan harga' })
      .click();
    await expect
      .poll(() => page.getByTestId('store-price-ETU-BESAR').textContent(), eventually)
      .toBe('Rp 12.000');
    await expect
      .poll(() => page.getByTestId('price-history').getByText('Harga toko').count(), eventually)
      .toBe(1);
    await expectAccessible('catalog');
    await screenshot('catalog');

    // Categories: added, then reordered with the keyboard's buttons and by dragging.
    const categoryForm = page.locator('form', {
      has: page.getByRole('button', { name: 'Tambah kategori' }),
    });
    for (const name of ['Minuman', 'Makanan', 'Camilan']) {
      await categoryForm.getByLabel('Nama kategori').fill(name);
      await categoryForm.getByRole('button', { name: 'Tambah kategori' }).click();
      await expect
        .poll(() => page.locator(`[data-category="${name}"]`).count(), eventually)
        .toBe(1);
    }
    const categoryOrder = () =>
      page
        .locator('[data-testid="category-tree"] li')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-category')));
    await page.getByRole('button', { name: 'Turunkan Minuman' }).click();
    await expect.poll(categoryOrder, eventually).toEqual(['Makanan', 'Minuman', 'Camilan']);
    await page
      .locator('[data-category="Camilan"] > .category-row')
      .dragTo(page.locator('[data-category="Makanan"] > .category-row'));
    await expect.poll(categoryOrder, eventually).toEqual(['Camilan', 'Makanan', 'Minuman']);

    // A spreadsheet of products: refused whole while one row is wrong, each wrong row marked.
    const importFile = page.getByLabel('Berkas CSV');
    await importFile.setInputFiles({
      name: 'produk.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'nama;sku;harga;kategori\nTeh Manis;TM-1;8.000;\nKopi Lagi;KSU-1;9.000;\nRoti;RT-1;12.000;Kue\n',
      ),
    });
    await page.getByRole('button', { name: 'Impor 3 produk' }).click();
    await expect.poll(() => page.locator('tr.row-error').count(), eventually).toBe(2);
    await screenshot('catalog-import-refused');
    // The browser logs the refusal (422) it was sent; that one and nothing else.
    const refusals = takeConsoleErrors();
    expect(refusals).toHaveLength(1);
    expect(refusals[0]).toContain('status of 422');
    await importFile.setInputFiles({
      name: 'produk.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('nama,sku,harga\nTeh Manis,TM-1,8000\nRoti,RT-1,"12.000"\n'),
    });
    await page.getByRole('button', { name: 'Impor 2 produk' }).click();
    await expect.poll(() => page.getByText('2 produk diimpor.').count(), eventually).toBe(1);
    const productList = page.locator('article', {
      has: page.getByRole('heading', { name: 'Produk', exact: true }),
    });
    await expect
      .poll(() => productList.getByRole('row', { name: /RT-1/ }).count(), eventually)
      .toBe(1);

    // A cashier of the new company sells the product, with its modifier, through the till's API.
    const ownerToken = await apiToken(ownerEmail, ownerPassword);
    const me = await api<MeBody>('/api/v1/me', { token: ownerToken });
    const store = me.stores[0];
    if (!store) throw new Error('the onboarded store is missing');
    const cashierEmail = `kasir-${suffix}@warunguji.test`;
    await api('/api/v1/users', {
      method: 'POST',
      token: ownerToken,
      body: {
        name: 'Kasir Uji',
        email: cashierEmail,
        role: 'cashier',
        password: 'kasir-uji-2026',
        storeIds: [store.id],
      },
    });
    const cashierToken = await apiToken(cashierEmail, 'kasir-uji-2026');
    const products = await api<{ data: Array<{ name: string; variants: Array<{ id: string }> }> }>(
      `/api/v1/products?storeId=${store.id}&search=Kopi%20Susu%20Uji`,
      { token: cashierToken },
    );
    const variantId = products.data[0]?.variants[0]?.id;
    const groups = await api<{ data: Array<{ options: Array<{ id: string }> }> }>(
      '/api/v1/modifier-groups',
      { token: ownerToken },
    );
    const extraShot = groups.data[0]?.options[0]?.id;
    if (!variantId || !extraShot) throw new Error('the new product or its modifier is missing');
    const sale = await api<{ total: number }>('/api/v1/transactions', {
      method: 'POST',
      token: cashierToken,
      body: {
        id: crypto.randomUUID(),
        storeId: store.id,
        items: [{ variantId, quantity: 1, modifiers: [{ optionId: extraShot }] }],
        payments: [{ method: 'cash', tendered: 1_000_000 }],
      },
    });
    // 20.000 + 5.000, service 5 % and PBJT 10 % on top.
    expect(sale.total).toBeGreaterThan(25_000);

    await goTo('Hari ini', /\/today/, 'Penjualan hari ini');
    await expect
      .poll(() => page.getByTestId('today-sales').textContent(), {
        timeout: 60_000,
        interval: 1_000,
      })
      .toBe(rupiah(sale.total));

    await goTo('Laporan', /\/reports$/, 'Laporan');
    await expect
      .poll(() => page.getByTestId('report-sales-total').textContent(), { timeout: 30_000 })
      .toBe(rupiah(sale.total));
    await expectAccessible('reports');
    await screenshot('reports');
    await page.getByRole('button', { name: 'Ekspor CSV' }).click();
    const downloadButton = page.getByRole('button', { name: 'Unduh' });
    await downloadButton.waitFor({ timeout: 60_000 });
    const [download] = await Promise.all([page.waitForEvent('download'), downloadButton.click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\n').length).toBeGreaterThan(1);
    expect(csv).toContain(String(sale.total));
    expect(takeConsoleErrors()).toEqual([]);
    await context.close();
  });
});
