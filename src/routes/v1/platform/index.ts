import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { sha256Hex } from '../../../lib/encoding';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion } from '../../../lib/versioning';
import { findTenantCompany, updateCompany } from '../../../services/companies';
import {
  getCompanyWithHealth,
  listCompanies,
  reactivateCompany,
  resetOwnerAccess,
  suspendCompany,
} from '../../../services/platform/companies';
import { onboardCompany } from '../../../services/platform/onboarding';
import { listStores } from '../../../services/stores/store-admin';
import { listUsers } from '../../../services/users';
import { companySchema } from '../company/schemas';
import { storeListSchema } from '../stores/schemas';
import { listUsersQuery, userPageSchema } from '../users/schemas';
import { backupRoutes } from './backups';
import { platformCompanyActivityRoutes } from './company-activity';
import { platformOperationRoutes } from './operations';
import {
  companyIdParam,
  companyPageSchema,
  companyUserParam,
  companyWithHealthSchema,
  idempotencyHeader,
  listCompaniesQuery,
  onboardCompanyBody,
  onboardingSchema,
  platformUpdateCompanyBody,
  resetAccessBody,
  suspendBody,
} from './schemas';

const theCompany = { description: { id: 'Perusahaan', en: 'The company' }, schema: companySchema };

/**
 * Our operators' side (platform.companies.manage, held by the platform company's admins): onboard
 * tenant companies, watch their health, suspend and reactivate them, reset an owner's access.
 * Every action is audited in the platform's log and in the company's own. Nothing here reads a
 * password or PIN hash or a token, and nothing sells.
 */
export const platformRoutes = new Hono<AuthedEnv>()
  // Backups (./backups.ts) before the `use` below, which would otherwise run twice for them.
  .route('/companies', backupRoutes)
  .use(authenticate, requirePermission('platform.companies.manage'))
  .post(
    '/companies',
    operation({
      operationId: 'onboardCompany',
      tag: 'platform',
      summary: { id: 'Daftarkan perusahaan', en: 'Onboard a company' },
      description: {
        id:
          'Perusahaan, pemilik pertamanya (kata sandi sementara yang wajib diganti saat pertama ' +
          'masuk) dan tokonya, dalam satu transaksi. Wajib header Idempotency-Key: kunci dan isi ' +
          'yang sama dijawab 200 dengan hasil yang sama; isi lain 409. PPN untuk perusahaan ' +
          'non-PKP dan kombinasi tidak sah lain: 422, tidak ada yang tersimpan.',
        en:
          'The company, its first owner (a temporary password to change at the first sign-in) ' +
          'and its stores, in one transaction. Needs an Idempotency-Key header: the same key and ' +
          'body answer 200 with the same result; another body 409. PPN for a company that is ' +
          'not a PKP, and other invalid combinations: 422, nothing written.',
      },
      requestExample: {
        company: {
          name: 'Sate Pak Kumis',
          legalName: 'CV Sate Pak Kumis',
          npwp: '02.345.678.9-012.000',
          isPkp: false,
          address: 'Jl. Kaliurang Km 5, Yogyakarta',
          phone: '0274512345',
          plan: 'basic',
        },
        owner: {
          name: 'Kumis Santoso',
          email: 'kumis@satepakkumis.id',
          initialPassword: 'sementara-2026',
        },
        stores: [
          {
            code: 'YOG01',
            name: 'Sate Pak Kumis Kaliurang',
            timezone: 'Asia/Jakarta',
            taxRegime: 'pbjt',
            taxRateBasisPoints: 1000,
            cashRoundingStep: 500,
          },
        ],
      },
      responses: {
        201: { description: { id: 'Terdaftar', en: 'Onboarded' }, schema: onboardingSchema },
        200: {
          description: {
            id: 'Sudah terdaftar dengan kunci ini (pengulangan)',
            en: 'Already onboarded with this key (a retry)',
          },
          schema: onboardingSchema,
        },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    validate('header', idempotencyHeader),
    validate('json', onboardCompanyBody),
    async (c) => {
      const input = c.req.valid('json');
      // The password is never stored, not even inside a hash: a retry is recognised by the rest.
      const { initialPassword: _password, ...owner } = input.owner;
      const hash = await sha256Hex(JSON.stringify({ ...input, owner }));
      const result = await onboardCompany(
        c.var.database.db,
        c.var.auth,
        { key: c.req.valid('header')['idempotency-key'], hash, input },
        c.var.now,
      );
      return c.json(result.onboarding, result.status === 'created' ? 201 : 200);
    },
  )
  .get(
    '/companies',
    operation({
      operationId: 'listCompanies',
      tag: 'platform',
      summary: { id: 'Daftar perusahaan', en: 'List companies' },
      description: {
        id: 'Terbaru dulu, dengan ringkasan kesehatan: toko, perangkat aktif, transaksi dan sinkronisasi terakhir, unggahan gagal/macet 24 jam, penjualan hari ini.',
        en: 'Newest first, each with a health summary: stores, active devices, last sale and sync, failed/stalled uploads in 24 h, sales today.',
      },
      responses: {
        200: {
          description: { id: 'Satu halaman perusahaan', en: 'A page of companies' },
          schema: companyPageSchema,
        },
      },
    }),
    validate('query', listCompaniesQuery),
    async (c) => c.json(await listCompanies(c.var.database.db, c.req.valid('query'))),
  )
  .get(
    '/companies/:id',
    operation({
      operationId: 'getPlatformCompany',
      tag: 'platform',
      summary: { id: 'Satu perusahaan', en: 'One company' },
      responses: {
        200: {
          description: { id: 'Perusahaan dan kesehatannya', en: 'The company and its health' },
          schema: companyWithHealthSchema,
        },
      },
    }),
    validate('param', companyIdParam),
    async (c) => c.json(await getCompanyWithHealth(c.var.database.db, c.req.valid('param').id)),
  )
  .patch(
    '/companies/:id',
    operation({
      operationId: 'updatePlatformCompany',
      tag: 'platform',
      summary: { id: 'Ubah perusahaan', en: 'Update a company' },
      description: {
        id: 'Seperti PATCH /company, ditambah paket. Kirim `version` (atau If-Match).',
        en: 'As PATCH /company, with the plan. Send the `version` (or If-Match).',
      },
      requestExample: { version: 1, plan: 'pro' },
      responses: { 200: theCompany },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    validate('param', companyIdParam),
    validate('json', platformUpdateCompanyBody),
    async (c) => {
      const body = c.req.valid('json');
      const version = expectedVersion(body.version, c.req.header('If-Match'));
      return c.json(
        await updateCompany(c.var.database.db, c.var.auth, c.req.valid('param').id, {
          ...body,
          version,
        }),
      );
    },
  )
  .post(
    '/companies/:id/suspend',
    operation({
      operationId: 'suspendCompany',
      tag: 'platform',
      summary: { id: 'Tangguhkan perusahaan', en: 'Suspend a company' },
      description: {
        id:
          'Semua sesi penggunanya berakhir seketika; setiap permintaan mereka dijawab 403 ' +
          'COMPANY_SUSPENDED (retryable: unggahan offline tetap di kasir dan masuk setelah ' +
          'diaktifkan kembali). Menangguhkan yang sudah ditangguhkan tidak mengubah apa pun.',
        en:
          'Every session of its users ends at once; each of their requests answers 403 ' +
          'COMPANY_SUSPENDED (retryable: offline uploads stay on the tills and land after ' +
          'reactivation). Suspending a suspended company changes nothing.',
      },
      requestExample: { reason: 'Tagihan belum dibayar 60 hari' },
      responses: { 200: theCompany },
    }),
    validate('param', companyIdParam),
    validate('json', suspendBody),
    async (c) =>
      c.json(
        await suspendCompany(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          c.req.valid('json').reason,
          c.var.now,
        ),
      ),
  )
  .post(
    '/companies/:id/reactivate',
    operation({
      operationId: 'reactivateCompany',
      tag: 'platform',
      summary: { id: 'Aktifkan kembali perusahaan', en: 'Reactivate a company' },
      description: {
        id: 'Penggunanya masuk kembali. Mengaktifkan yang sudah aktif tidak mengubah apa pun.',
        en: 'Its users sign in again. Reactivating an active company changes nothing.',
      },
      responses: { 200: theCompany },
    }),
    validate('param', companyIdParam),
    async (c) =>
      c.json(await reactivateCompany(c.var.database.db, c.var.auth, c.req.valid('param').id)),
  )
  .get(
    '/companies/:id/users',
    operation({
      operationId: 'listPlatformCompanyUsers',
      tag: 'platform',
      summary: { id: 'Staf perusahaan', en: 'A company’s staff' },
      description: {
        id: 'Seperti GET /users perusahaan itu; tanpa hash kata sandi, PIN atau token.',
        en: 'As that company’s GET /users; never a password or PIN hash or a token.',
      },
      responses: {
        200: {
          description: { id: 'Satu halaman staf', en: 'A page of staff' },
          schema: userPageSchema,
        },
      },
    }),
    validate('param', companyIdParam),
    validate('query', listUsersQuery),
    async (c) => {
      const company = await findTenantCompany(c.var.database.db, c.req.valid('param').id);
      return c.json(await listUsers(c.var.database.db, company.id, c.req.valid('query')));
    },
  )
  .get(
    '/companies/:id/stores',
    operation({
      operationId: 'listPlatformCompanyStores',
      tag: 'platform',
      summary: { id: 'Toko perusahaan', en: 'A company’s stores' },
      responses: {
        200: { description: { id: 'Toko', en: 'Stores' }, schema: storeListSchema },
      },
    }),
    validate('param', companyIdParam),
    async (c) => {
      const company = await findTenantCompany(c.var.database.db, c.req.valid('param').id);
      return c.json({
        data: await listStores(c.var.database.db, company.id, 'all', c.var.now),
      });
    },
  )
  .post(
    '/companies/:id/users/:userId/reset-access',
    operation({
      operationId: 'resetOwnerAccess',
      tag: 'platform',
      summary: { id: 'Atur ulang akses pemilik', en: 'Reset an owner’s access' },
      description: {
        id:
          'Kata sandi sementara baru yang wajib diganti saat masuk; semua sesinya berakhir dan ' +
          'kunci gagal-masuk dihapus. Hanya untuk pemilik (422 untuk peran lain).',
        en:
          'A new temporary password to change at sign-in; every session of theirs ends and ' +
          'sign-in lockouts are lifted. Owners only (422 for another role).',
      },
      requestExample: { initialPassword: 'sementara-baru-2026' },
      responses: { 204: { description: { id: 'Akses diatur ulang', en: 'Access reset' } } },
      errors: ['UNPROCESSABLE'],
    }),
    validate('param', companyUserParam),
    validate('json', resetAccessBody),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      await resetOwnerAccess(
        c.var.database.db,
        c.var.auth,
        id,
        userId,
        c.req.valid('json').initialPassword,
        c.var.now,
      );
      return c.body(null, 204);
    },
  )
  .route('/', platformOperationRoutes)
  .route('/', platformCompanyActivityRoutes);
