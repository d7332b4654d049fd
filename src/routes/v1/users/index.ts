import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import {
  assignStores,
  createUser,
  getUser,
  listUsers,
  resetPassword,
  setUserActive,
  updateUser,
} from '../../../services/users';
import {
  assignStoresBody,
  createUserBody,
  listUsersQuery,
  resetPasswordBody,
  updateUserBody,
  userIdParam,
  userPageSchema,
  userSchema,
} from './schemas';

const theUser = { description: { id: 'Staf', en: 'The staff member' }, schema: userSchema };

/** Staff of the caller's company. Everything here needs users.manage. */
export const userRoutes = new Hono<AuthedEnv>()
  .use(authenticate, requirePermission('users.manage'))
  .get(
    '/',
    operation({
      operationId: 'listUsers',
      tag: 'users',
      summary: { id: 'Daftar staf', en: 'List staff' },
      description: {
        id: 'Staf perusahaan, urut waktu dibuat; cari nama, e-mail atau nomor HP dengan `search`.',
        en: 'The company’s staff, oldest first; `search` looks in name, e-mail and phone.',
      },
      responses: {
        200: {
          description: { id: 'Satu halaman staf', en: 'A page of staff' },
          schema: userPageSchema,
        },
      },
    }),
    validate('query', listUsersQuery),
    async (c) =>
      c.json(await listUsers(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .post(
    '/',
    operation({
      operationId: 'createUser',
      tag: 'users',
      summary: { id: 'Tambah staf', en: 'Add a staff member' },
      description: {
        id:
          'Butuh e-mail atau nomor HP (unik di seluruh platform). Hanya peran yang boleh Anda ' +
          'kelola; mengubah izin per pengguna hanya untuk pemilik. Toko yang tidak dikenal: 404.',
        en:
          'Needs an e-mail or a phone number (unique across the platform). Only roles you may ' +
          'manage; per-user permissions are for owners only. An unknown store: 404.',
      },
      requestExample: {
        name: 'Siti Rahayu',
        phone: '081298765432',
        role: 'cashier',
        password: 'kasir-siti-2026',
        pin: '1357',
        storeIds: ['0193a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b'],
      },
      responses: {
        201: { description: { id: 'Staf ditambahkan', en: 'Created' }, schema: userSchema },
      },
      errors: ['CONFLICT', 'NOT_FOUND'],
    }),
    validate('json', createUserBody),
    async (c) => c.json(await createUser(c.var.database.db, c.var.auth, c.req.valid('json')), 201),
  )
  .get(
    '/:id',
    operation({
      operationId: 'getUser',
      tag: 'users',
      summary: { id: 'Satu staf', en: 'One staff member' },
      responses: { 200: theUser },
    }),
    validate('param', userIdParam),
    async (c) =>
      c.json(await getUser(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    operation({
      operationId: 'updateUser',
      tag: 'users',
      summary: { id: 'Ubah staf', en: 'Update a staff member' },
      description: {
        id:
          'Kirim `version` yang diubah; versi lama atau login yang sudah dipakai dijawab 409. ' +
          'Pemilik aktif terakhir tidak bisa diturunkan (422). `pin: null` menghapus PIN.',
        en:
          'Send the `version` you edited; a stale one or a login already taken answers 409. ' +
          'The last active owner cannot be demoted (422). `pin: null` removes the PIN.',
      },
      requestExample: { version: 1, name: 'Siti Rahayu', role: 'manager' },
      responses: { 200: theUser },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    validate('param', userIdParam),
    validate('json', updateUserBody),
    async (c) =>
      c.json(
        await updateUser(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
      ),
  )
  .post(
    '/:id/deactivate',
    operation({
      operationId: 'deactivateUser',
      tag: 'users',
      summary: { id: 'Nonaktifkan staf', en: 'Deactivate a staff member' },
      description: {
        id:
          'Tidak bisa masuk lagi dan semua sesinya berakhir seketika; datanya tetap. Menonaktifkan ' +
          'diri sendiri dijawab 422.',
        en:
          'Sign-in stops and every session ends at once; the record stays. Deactivating yourself ' +
          'answers 422.',
      },
      responses: { 200: theUser },
      errors: ['UNPROCESSABLE'],
    }),
    validate('param', userIdParam),
    async (c) =>
      c.json(
        await setUserActive(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          false,
          c.var.now,
        ),
      ),
  )
  .post(
    '/:id/reactivate',
    operation({
      operationId: 'reactivateUser',
      tag: 'users',
      summary: { id: 'Aktifkan kembali staf', en: 'Reactivate a staff member' },
      responses: { 200: theUser },
    }),
    validate('param', userIdParam),
    async (c) =>
      c.json(
        await setUserActive(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          true,
          c.var.now,
        ),
      ),
  )
  .post(
    '/:id/reset-password',
    operation({
      operationId: 'resetUserPassword',
      tag: 'users',
      summary: { id: 'Atur ulang kata sandi staf', en: 'Reset a staff member’s password' },
      description: {
        id: 'Menetapkan kata sandi baru; semua sesi staf itu berakhir.',
        en: 'Sets a new password; every session of that staff member ends.',
      },
      requestExample: { password: 'sandi-baru-2026' },
      responses: { 204: { description: { id: 'Kata sandi diganti', en: 'Password reset' } } },
    }),
    validate('param', userIdParam),
    validate('json', resetPasswordBody),
    async (c) => {
      await resetPassword(
        c.var.database.db,
        c.var.auth,
        c.req.valid('param').id,
        c.req.valid('json').password,
        c.var.now,
      );
      return c.body(null, 204);
    },
  )
  .put(
    '/:id/stores',
    operation({
      operationId: 'assignUserStores',
      tag: 'users',
      summary: { id: 'Tetapkan toko staf', en: 'Assign a staff member’s stores' },
      description: {
        id: 'Mengganti seluruh daftar toko staf itu; toko yang tidak dikenal dijawab 404.',
        en: 'Replaces the staff member’s whole list of stores; an unknown store answers 404.',
      },
      requestExample: { storeIds: ['0193a6f2-3c4d-7e8f-9a0b-1c2d3e4f5a6b'] },
      responses: { 200: theUser },
    }),
    validate('param', userIdParam),
    validate('json', assignStoresBody),
    async (c) =>
      c.json(
        await assignStores(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          c.req.valid('json').storeIds,
        ),
      ),
  );
