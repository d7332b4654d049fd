import { type Context, Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import { assertWorksInKnownStore, assertWorksInStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion, ifMatchVersion } from '../../../lib/versioning';
import {
  createTable,
  deleteTable,
  findTable,
  listTables,
  tableNotFound,
  updateTable,
} from '../../../services/dining/tables';
import {
  createTableBody,
  listTablesQuery,
  tableIdParam,
  tableListSchema,
  tableSchema,
  updateTableBody,
} from './schemas';

const manage = requirePermission('settings.manage');
const theTable = { description: { id: 'Meja', en: 'The table' }, schema: tableSchema };

/** A table of the caller's company in a store they work in: 404 otherwise, 403 another store. */
async function requireTableStore(c: Context<AuthedEnv>, tableId: string): Promise<void> {
  const table = await findTable(c.var.database.db, c.var.auth.companyId, tableId);
  if (!table) throw tableNotFound();
  assertWorksInKnownStore(c.var.auth, table.storeId);
}

/**
 * The tables of a store, where open bills are kept (routes/v1/bills). Staff of the store read
 * them (with the bill open on each); store settings (settings.manage) set them up.
 */
export const tableRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/',
    operation({
      operationId: 'listTables',
      tag: 'service',
      summary: { id: 'Daftar meja toko', en: 'List a store’s tables' },
      description: {
        id: 'Meja aktif dan nonaktif, berurutan, masing-masing dengan bill yang terbuka di sana.',
        en: 'Active and inactive tables in their order, each with the bill open on it.',
      },
      storeScope: 'query.storeId',
      responses: {
        200: { description: { id: 'Meja', en: 'The tables' }, schema: tableListSchema },
      },
      errors: ['NOT_FOUND'],
    }),
    requirePermission('sales.create'),
    validate('query', listTablesQuery),
    async (c) => {
      const { storeId } = c.req.valid('query');
      await assertWorksInStore(c.var.database.db, c.var.auth, storeId);
      return c.json({ data: await listTables(c.var.database.db, c.var.auth.companyId, storeId) });
    },
  )
  .post(
    '/',
    operation({
      operationId: 'createTable',
      tag: 'service',
      summary: { id: 'Tambah meja', en: 'Add a table' },
      description: {
        id: 'Nama meja unik per toko (tanpa membedakan huruf besar/kecil): nama yang sama 409.',
        en: 'A table’s name is unique in its store (case-insensitive): the same name is 409.',
      },
      storeScope: 'body.storeId',
      requestExample: {
        storeId: '0194f3a0-1b2c-7d3e-8f4a-5b6c7d8e9f01',
        name: 'Meja 4',
        area: 'Teras',
        capacity: 4,
      },
      responses: { 201: theTable },
      errors: ['NOT_FOUND', 'CONFLICT'],
    }),
    manage,
    validate('json', createTableBody),
    async (c) => {
      const { storeId, ...input } = c.req.valid('json');
      await assertWorksInStore(c.var.database.db, c.var.auth, storeId);
      return c.json(await createTable(c.var.database.db, c.var.auth, storeId, input), 201);
    },
  )
  .patch(
    '/:id',
    operation({
      operationId: 'updateTable',
      tag: 'service',
      summary: { id: 'Ubah meja', en: 'Update a table' },
      description: {
        id: 'Kirim `version` (atau If-Match); versi lama dijawab 409 dengan meja terkini.',
        en: 'Send the `version` (or If-Match); a stale one answers 409 with the current table.',
      },
      storeScope: 'table',
      requestExample: { version: 1, capacity: 6 },
      responses: { 200: theTable },
      errors: ['CONFLICT'],
    }),
    manage,
    validate('param', tableIdParam),
    validate('json', updateTableBody),
    async (c) => {
      const { id } = c.req.valid('param');
      const { version, ...changes } = c.req.valid('json');
      await requireTableStore(c, id);
      return c.json(
        await updateTable(
          c.var.database.db,
          c.var.auth,
          id,
          expectedVersion(version, c.req.header('If-Match')),
          changes,
        ),
      );
    },
  )
  .delete(
    '/:id',
    operation({
      operationId: 'deleteTable',
      tag: 'service',
      summary: { id: 'Hapus meja', en: 'Delete a table' },
      description: {
        id: 'Meja dengan bill terbuka dijawab 409. Bill lama tetap menyebut namanya.',
        en: 'A table with an open bill answers 409. Past bills keep its name.',
      },
      storeScope: 'table',
      responses: { 204: { description: { id: 'Dihapus', en: 'Deleted' } } },
      errors: ['CONFLICT'],
    }),
    manage,
    validate('param', tableIdParam),
    async (c) => {
      const { id } = c.req.valid('param');
      await requireTableStore(c, id);
      await deleteTable(
        c.var.database.db,
        c.var.auth,
        id,
        ifMatchVersion(c.req.header('If-Match')),
      );
      return c.body(null, 204);
    },
  );
