import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion, ifMatchVersion } from '../../../lib/versioning';
import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  updateCategory,
} from '../../../services/catalog/categories';
import {
  categoryIdParam,
  categoryListSchema,
  categorySchema,
  createCategoryBody,
  updateCategoryBody,
} from './schemas';

const manage = requirePermission('catalog.manage');

/** The category tree. Every staff member reads; writing needs catalog.manage. */
export const categoryRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/',
    operation({
      operationId: 'listCategories',
      tag: 'catalog',
      summary: { id: 'Pohon kategori', en: 'The category tree' },
      description: {
        id: 'Semua kategori aktif, induk sebelum anaknya, urut sortOrder.',
        en: 'Every live category, each parent before its children, by sortOrder.',
      },
      responses: {
        200: { description: { id: 'Kategori', en: 'Categories' }, schema: categoryListSchema },
      },
    }),
    async (c) => c.json({ data: await listCategories(c.var.database.db, c.var.auth.companyId) }),
  )
  .post(
    '/',
    operation({
      operationId: 'createCategory',
      tag: 'catalog',
      summary: { id: 'Buat kategori', en: 'Create a category' },
      requestExample: { name: 'Minuman', sortOrder: 1 },
      responses: {
        201: { description: { id: 'Kategori dibuat', en: 'Created' }, schema: categorySchema },
      },
      errors: ['UNPROCESSABLE'],
    }),
    manage,
    validate('json', createCategoryBody),
    async (c) =>
      c.json(await createCategory(c.var.database.db, c.var.auth, c.req.valid('json')), 201),
  )
  .get(
    '/:id',
    operation({
      operationId: 'getCategory',
      tag: 'catalog',
      summary: { id: 'Satu kategori', en: 'One category' },
      responses: {
        200: { description: { id: 'Kategori', en: 'The category' }, schema: categorySchema },
      },
    }),
    validate('param', categoryIdParam),
    async (c) =>
      c.json(await getCategory(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    operation({
      operationId: 'updateCategory',
      tag: 'catalog',
      summary: { id: 'Ubah kategori', en: 'Update a category' },
      description: {
        id: 'Kirim `version` yang diubah (atau If-Match); versi lama dijawab 409 dengan data terkini.',
        en: 'Send the `version` you edited (or If-Match); a stale one answers 409 with the current data.',
      },
      requestExample: { version: 1, name: 'Minuman Dingin' },
      responses: {
        200: { description: { id: 'Kategori', en: 'The category' }, schema: categorySchema },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('param', categoryIdParam),
    validate('json', updateCategoryBody),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await updateCategory(c.var.database.db, c.var.auth, c.req.valid('param').id, {
          ...body,
          version: expectedVersion(body.version, c.req.header('If-Match')),
        }),
      );
    },
  )
  .delete(
    '/:id',
    operation({
      operationId: 'deleteCategory',
      tag: 'catalog',
      summary: { id: 'Hapus kategori', en: 'Delete a category' },
      responses: { 204: { description: { id: 'Dihapus', en: 'Deleted' } } },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('param', categoryIdParam),
    async (c) => {
      const expected = ifMatchVersion(c.req.header('If-Match'));
      await deleteCategory(
        c.var.database.db,
        c.var.auth,
        c.req.valid('param').id,
        expected,
        c.var.now,
      );
      return c.body(null, 204);
    },
  );
