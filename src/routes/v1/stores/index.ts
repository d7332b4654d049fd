import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import { readableStores } from '../../../auth/policy';
import { assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { ApiError } from '../../../lib/errors';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion, ifMatchVersion } from '../../../lib/versioning';
import {
  createStore,
  deleteStore,
  getStore,
  listStores,
  storeNotFound,
  storeSettingsHistory,
  updateStore,
} from '../../../services/stores/store-admin';
import {
  createStoreBody,
  settingsHistorySchema,
  storeIdParam,
  storeListSchema,
  storeSchema,
  updateStoreBody,
} from './schemas';

const theStore = { description: { id: 'Toko', en: 'The store' }, schema: storeSchema };

/**
 * The company's stores and every setting the sale engine uses. Staff read the stores they work
 * in (owners all of them); creating, changing and deleting need settings.manage.
 */
export const storeRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/',
    operation({
      operationId: 'listStores',
      tag: 'stores',
      summary: { id: 'Daftar toko', en: 'List stores' },
      description: {
        id: 'Toko tempat pemanggil bekerja (pemilik: semua toko), urut kode, dengan pengaturan yang berlaku sekarang.',
        en: 'The stores the caller works in (owners: every store), by code, with the settings in force now.',
      },
      responses: {
        200: { description: { id: 'Toko', en: 'Stores' }, schema: storeListSchema },
      },
    }),
    async (c) =>
      c.json({
        data: await listStores(
          c.var.database.db,
          c.var.auth.companyId,
          readableStores(c.var.auth),
          c.var.now,
        ),
      }),
  )
  .post(
    '/',
    requirePermission('settings.manage'),
    operation({
      operationId: 'createStore',
      tag: 'stores',
      summary: { id: 'Tambah toko', en: 'Add a store' },
      description: {
        id:
          'Kode unik di perusahaan (409 bila dipakai). Kombinasi pengaturan yang tidak sah ' +
          '(PPN tanpa PKP, tarif di atas batas, pembulatan selain 0/100/500/1000) dijawab 422 ' +
          'dengan field-nya.',
        en:
          'The code is unique in the company (409 when taken). Invalid combinations of settings ' +
          '(PPN without PKP, a rate above the maximum, rounding other than 0/100/500/1000) answer ' +
          '422 with the field.',
      },
      requestExample: {
        code: 'BDG01',
        name: 'Cabang Dago',
        address: 'Jl. Ir. H. Juanda 100, Bandung',
        timezone: 'Asia/Jakarta',
        taxRegime: 'pbjt',
        taxRateBasisPoints: 1000,
        serviceChargeBasisPoints: 500,
        cashRoundingStep: 100,
        businessDayCutoffHour: 4,
      },
      responses: {
        201: { description: { id: 'Toko ditambahkan', en: 'Created' }, schema: storeSchema },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    validate('json', createStoreBody),
    async (c) =>
      c.json(await createStore(c.var.database.db, c.var.auth, c.req.valid('json'), c.var.now), 201),
  )
  .get(
    '/:storeId',
    operation({
      operationId: 'getStore',
      tag: 'stores',
      summary: { id: 'Satu toko', en: 'One store' },
      storeScope: 'path.storeId',
      responses: { 200: theStore },
    }),
    validate('param', storeIdParam),
    async (c) => {
      const { storeId } = c.req.valid('param');
      await assertWorksInStore(c.var.database.db, c.var.auth, storeId, storeNotFound);
      return c.json(await getStore(c.var.database.db, c.var.auth.companyId, storeId, c.var.now));
    },
  )
  .patch(
    '/:storeId',
    requirePermission('settings.manage'),
    operation({
      operationId: 'updateStore',
      tag: 'stores',
      summary: { id: 'Ubah toko', en: 'Update a store' },
      description: {
        id:
          'Kirim `version` (atau If-Match); versi lama dijawab 409 dengan data terbaru. ' +
          'Pengaturan pajak, servis, pembulatan, diskon dan jam tutup buku bertanggal: berlaku ' +
          'sekarang, atau mulai `effectiveFrom` (mis. 1 Januari); mundur hanya bila belum ada ' +
          'transaksi sejak waktu itu (422). Kode dan zona waktu tetap setelah ada transaksi (422).',
        en:
          'Send the `version` (or If-Match); a stale one answers 409 with the current store. Tax, ' +
          'service, rounding, discount and cut-off settings are dated: they apply now, or from ' +
          '`effectiveFrom` (e.g. 1 January); earlier only while no sale was made since (422). ' +
          'The code and time zone are fixed once the store has sales (422).',
      },
      storeScope: 'path.storeId',
      requestExample: {
        version: 1,
        taxRegime: 'pbjt',
        taxRateBasisPoints: 1000,
        effectiveFrom: '2027-01-01T00:00:00+07:00',
      },
      responses: { 200: theStore },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    validate('param', storeIdParam),
    validate('json', updateStoreBody),
    async (c) => {
      const { storeId } = c.req.valid('param');
      const body = c.req.valid('json');
      await assertWorksInStore(c.var.database.db, c.var.auth, storeId, storeNotFound);
      const version = expectedVersion(body.version, c.req.header('If-Match'));
      return c.json(
        await updateStore(c.var.database.db, c.var.auth, storeId, { ...body, version }, c.var.now),
      );
    },
  )
  .delete(
    '/:storeId',
    requirePermission('settings.manage'),
    operation({
      operationId: 'deleteStore',
      tag: 'stores',
      summary: { id: 'Hapus toko', en: 'Delete a store' },
      description: {
        id:
          'Hapus lunak: transaksi dan riwayatnya tetap. Ditolak (409) selama ada perangkat yang ' +
          'masih masuk di toko ini atau unggahan yang sedang diproses; jawabannya menyebut ' +
          'perangkatnya. Menghapus toko yang sudah dihapus tidak mengubah apa pun.',
        en:
          'A soft delete: its sales and history stay. Refused (409) while devices are still signed ' +
          'in to the store or an upload is in progress; the answer names the devices. Deleting a ' +
          'deleted store changes nothing.',
      },
      storeScope: 'path.storeId',
      responses: { 204: { description: { id: 'Toko dihapus', en: 'Deleted' } } },
      errors: ['CONFLICT'],
    }),
    validate('param', storeIdParam),
    async (c) => {
      const { storeId } = c.req.valid('param');
      await assertWorksInStore(c.var.database.db, c.var.auth, storeId, storeNotFound).catch(
        // A retry of a delete that landed finds the store gone: the same 204, nothing written.
        (error: unknown) => deletedStoreRetry(error),
      );
      await deleteStore(
        c.var.database.db,
        c.var.auth,
        storeId,
        ifMatchVersion(c.req.header('If-Match')),
        c.var.now,
      );
      return c.body(null, 204);
    },
  )
  .get(
    '/:storeId/settings-history',
    operation({
      operationId: 'getStoreSettingsHistory',
      tag: 'stores',
      summary: { id: 'Riwayat pengaturan toko', en: 'Store settings history' },
      description: {
        id: 'Setiap perubahan pengaturan bertanggal, terbaru dulu: yang lalu, yang berlaku, yang terjadwal.',
        en: 'Every change of the dated settings, newest first: past, in force, scheduled.',
      },
      storeScope: 'path.storeId',
      responses: {
        200: {
          description: { id: 'Riwayat', en: 'The history' },
          schema: settingsHistorySchema,
        },
      },
    }),
    validate('param', storeIdParam),
    async (c) => {
      const { storeId } = c.req.valid('param');
      await assertWorksInStore(c.var.database.db, c.var.auth, storeId, storeNotFound);
      return c.json({
        data: await storeSettingsHistory(
          c.var.database.db,
          c.var.auth.companyId,
          storeId,
          c.var.now,
        ),
      });
    },
  );

/**
 * A delete retried after it landed finds no live store: deleteStore tells a deleted store of the
 * company (204, nothing written) from one that never was (404).
 */
function deletedStoreRetry(error: unknown): void {
  if (error instanceof ApiError && error.code === 'NOT_FOUND') return;
  throw error;
}
