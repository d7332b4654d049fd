import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion, ifMatchVersion } from '../../../lib/versioning';
import {
  clearStoreModifierPrice,
  setStoreModifierPrice,
} from '../../../services/catalog/modifier-prices';
import {
  createModifierGroup,
  deleteModifierGroup,
  getModifierGroup,
  listModifierGroups,
  updateModifierGroup,
} from '../../../services/catalog/modifiers';
import {
  createModifierGroupBody,
  modifierGroupIdParam,
  modifierGroupListSchema,
  modifierGroupSchema,
  storeModifierPriceBody,
  storeModifierPriceParam,
  storeModifierPriceSchema,
  updateModifierGroupBody,
} from './schemas';

const manage = requirePermission('catalog.manage');
const theGroup = {
  description: { id: 'Grup modifier', en: 'The modifier group' },
  schema: modifierGroupSchema,
};

/**
 * Modifier groups and their options ("Tingkat gula", "Tambahan"). Every staff member reads them;
 * writing needs catalog.manage. Attach them to products with PUT /products/{id}/modifier-groups.
 */
export const modifierGroupRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/',
    operation({
      operationId: 'listModifierGroups',
      tag: 'catalog',
      summary: { id: 'Grup modifier', en: 'Modifier groups' },
      description: {
        id: 'Semua grup aktif dengan opsinya, urut sortOrder lalu nama.',
        en: 'Every live group with its options, by sortOrder then name.',
      },
      responses: {
        200: { description: { id: 'Grup', en: 'Groups' }, schema: modifierGroupListSchema },
      },
    }),
    async (c) =>
      c.json({ data: await listModifierGroups(c.var.database.db, c.var.auth.companyId) }),
  )
  .post(
    '/',
    operation({
      operationId: 'createModifierGroup',
      tag: 'catalog',
      summary: { id: 'Buat grup modifier', en: 'Create a modifier group' },
      description: {
        id:
          'minSelections 1 dan maxSelections 1: wajib pilih satu; minSelections 0: opsional. ' +
          'Aturan yang dilanggar (minimal di atas maksimal, lebih banyak pilihan wajib daripada ' +
          'opsi aktif, nama opsi kembar, varian stok tak dikenal) dijawab 422 dengan field-nya.',
        en:
          'minSelections 1 and maxSelections 1: a required single choice; minSelections 0: ' +
          'optional. A broken rule (min above max, more required selections than active ' +
          'options, a repeated option name, an unknown stock variant) answers 422 with the field.',
      },
      requestExample: {
        name: 'Tambahan',
        minSelections: 0,
        maxSelections: 2,
        options: [
          { name: 'Extra shot', priceDelta: 5_000 },
          { name: 'Oat milk', priceDelta: 7_000 },
        ],
      },
      responses: { 201: { ...theGroup, description: { id: 'Dibuat', en: 'Created' } } },
      errors: ['UNPROCESSABLE'],
    }),
    manage,
    validate('json', createModifierGroupBody),
    async (c) =>
      c.json(await createModifierGroup(c.var.database.db, c.var.auth, c.req.valid('json')), 201),
  )
  .get(
    '/:id',
    operation({
      operationId: 'getModifierGroup',
      tag: 'catalog',
      summary: { id: 'Satu grup modifier', en: 'One modifier group' },
      responses: { 200: theGroup },
    }),
    validate('param', modifierGroupIdParam),
    async (c) =>
      c.json(
        await getModifierGroup(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id),
      ),
  )
  .patch(
    '/:id',
    operation({
      operationId: 'updateModifierGroup',
      tag: 'catalog',
      summary: { id: 'Ubah grup modifier', en: 'Update a modifier group' },
      description: {
        id:
          'Kirim `version` (atau If-Match); versi lama dijawab 409 dengan grup terkini. ' +
          '`options` adalah daftar opsi selanjutnya: dengan `id` mengubah, tanpa `id` menambah, ' +
          'yang tidak disebut dihapus.',
        en:
          'Send the `version` (or If-Match); a stale one answers 409 with the current group. ' +
          '`options` is the list from now on: with `id` changes one, without adds one, and one ' +
          'left out is deleted.',
      },
      requestExample: { version: 1, maxSelections: 3 },
      responses: { 200: theGroup },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('param', modifierGroupIdParam),
    validate('json', updateModifierGroupBody),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await updateModifierGroup(c.var.database.db, c.var.auth, c.req.valid('param').id, {
          ...body,
          version: expectedVersion(body.version, c.req.header('If-Match')),
        }),
      );
    },
  )
  .delete(
    '/:id',
    operation({
      operationId: 'deleteModifierGroup',
      tag: 'catalog',
      summary: { id: 'Hapus grup modifier', en: 'Delete a modifier group' },
      description: {
        id: 'Beserta opsinya, dan dilepas dari semua produk.',
        en: 'With its options, and detached from every product.',
      },
      responses: { 204: { description: { id: 'Dihapus', en: 'Deleted' } } },
      errors: ['CONFLICT'],
    }),
    manage,
    validate('param', modifierGroupIdParam),
    async (c) => {
      await deleteModifierGroup(
        c.var.database.db,
        c.var.auth,
        c.req.valid('param').id,
        ifMatchVersion(c.req.header('If-Match')),
        c.var.now,
      );
      return c.body(null, 204);
    },
  )
  .put(
    '/:id/options/:optionId/store-prices/:storeId',
    operation({
      operationId: 'setStoreModifierPrice',
      tag: 'catalog',
      summary: { id: 'Atur harga opsi di toko', en: 'Set an option’s store price' },
      description: {
        id: 'Tambahan harga opsi ini di satu toko, menggantikan milik perusahaan di sana.',
        en: 'This option’s own price delta in one store, replacing the company’s there.',
      },
      storeScope: 'path.storeId',
      requestExample: { priceDelta: 6_000 },
      responses: {
        200: {
          description: { id: 'Harga opsi di toko', en: 'The option’s store price' },
          schema: storeModifierPriceSchema,
        },
      },
    }),
    manage,
    validate('param', storeModifierPriceParam),
    validate('json', storeModifierPriceBody),
    async (c) => {
      const { id, optionId, storeId } = c.req.valid('param');
      return c.json(
        await setStoreModifierPrice(
          c.var.database.db,
          c.var.auth,
          { groupId: id, optionId, storeId },
          c.req.valid('json').priceDelta,
        ),
      );
    },
  )
  .delete(
    '/:id/options/:optionId/store-prices/:storeId',
    operation({
      operationId: 'clearStoreModifierPrice',
      tag: 'catalog',
      summary: { id: 'Hapus harga opsi di toko', en: 'Clear an option’s store price' },
      description: {
        id: 'Tambahan harga perusahaan berlaku lagi di toko itu; tanpa harga toko dijawab 404.',
        en: 'The company’s delta applies in that store again; none set answers 404.',
      },
      storeScope: 'path.storeId',
      responses: { 204: { description: { id: 'Dihapus', en: 'Cleared' } } },
    }),
    manage,
    validate('param', storeModifierPriceParam),
    async (c) => {
      const { id, optionId, storeId } = c.req.valid('param');
      await clearStoreModifierPrice(
        c.var.database.db,
        c.var.auth,
        { groupId: id, optionId, storeId },
        c.var.now,
      );
      return c.body(null, 204);
    },
  );
