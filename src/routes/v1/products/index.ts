import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion, ifMatchVersion } from '../../../lib/versioning';
import {
  getProductModifierGroups,
  setProductModifierGroups,
} from '../../../services/catalog/modifiers';
import { listPriceHistory } from '../../../services/catalog/prices';
import { importProducts } from '../../../services/catalog/product-import';
import {
  assertProduct,
  createProduct,
  deleteProduct,
  getProduct,
  listProducts,
  updateProduct,
} from '../../../services/catalog/products';
import { clearStorePrice, setStorePrice } from '../../../services/catalog/store-prices';
import { addVariant, deleteVariant, updateVariant } from '../../../services/catalog/variants';
import { modifierGroupListSchema, productModifierGroupsBody } from '../modifier-groups/schemas';
import {
  createProductBody,
  importProductsBody,
  importResultSchema,
  listProductsQuery,
  maxImportRows,
  priceHistoryPageSchema,
  priceHistoryQuery,
  productIdParam,
  productPageSchema,
  productQuery,
  productSchema,
  storePriceBody,
  storePriceParam,
  storePriceSchema,
  updateProductBody,
  updateVariantBody,
  variantBody,
  variantParam,
  variantSchema,
} from './schemas';

const manage = requirePermission('catalog.manage');

/** Products, variants and prices. Every staff member reads; writing needs catalog.manage. */
export const productRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/',
    operation({
      operationId: 'listProducts',
      tag: 'catalog',
      summary: { id: 'Daftar produk', en: 'List products' },
      description: {
        id:
          'Produk beserta variannya, per halaman (keyset). Dengan `storeId`, harga tiap varian ' +
          'adalah harga di toko itu dan stoknya ikut disertakan; `lowStock=true` (butuh storeId) ' +
          'hanya produk yang stoknya menipis. storeId yang tidak dikenal dijawab 404.',
        en:
          'Products with their variants, a keyset page at a time. With `storeId`, each variant ' +
          'carries its price in that store and its stock there; `lowStock=true` (needs storeId) ' +
          'keeps the products low on stock. An unknown storeId answers 404.',
      },
      responses: {
        200: { description: { id: 'Produk', en: 'Products' }, schema: productPageSchema },
      },
      errors: ['NOT_FOUND'],
    }),
    validate('query', listProductsQuery),
    async (c) =>
      c.json(await listProducts(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .post(
    '/',
    operation({
      operationId: 'createProduct',
      tag: 'catalog',
      summary: { id: 'Buat produk', en: 'Create a product' },
      description: {
        id:
          'Tanpa `variantOptions` produk mendapat satu varian bawaan (SKU produk); dengan ' +
          'opsi, `variants` wajib, satu per kombinasi. SKU yang sudah dipakai dijawab 409.',
        en:
          'Without `variantOptions` the product gets one default variant (the product SKU); ' +
          'with options, `variants` is required, one per combination. A SKU in use answers 409.',
      },
      requestExample: {
        name: 'Es Kopi Susu',
        sku: 'EKS',
        categoryId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
        price: 25000,
        cost: 9000,
        variantOptions: { Ukuran: ['R', 'L'] },
        variants: [
          { optionValues: { Ukuran: 'R' }, sku: 'EKS-R' },
          { optionValues: { Ukuran: 'L' }, sku: 'EKS-L', priceOverride: 30000 },
        ],
      },
      responses: {
        201: { description: { id: 'Produk dibuat', en: 'Created' }, schema: productSchema },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('json', createProductBody),
    async (c) =>
      c.json(await createProduct(c.var.database.db, c.var.auth, c.req.valid('json')), 201),
  )
  .post(
    '/import',
    operation({
      operationId: 'importProducts',
      tag: 'catalog',
      summary: { id: 'Impor produk', en: 'Import products' },
      description: {
        id:
          `Sampai ${maxImportRows} baris (dari CSV yang dibaca konsol), semua atau tidak sama ` +
          'sekali: setiap baris diperiksa dulu (SKU ganda di berkas atau sudah dipakai, kategori ' +
          'yang tidak ada, per nama) dan semua penolakan dijawab bersama sebagai 422 dengan ' +
          '`errors[].path` `rows.<n>.<field>`. Tiap produk mendapat satu varian bawaan.',
        en:
          `Up to ${maxImportRows} rows (from a CSV the console reads), all or nothing: every row ` +
          'is checked first (SKUs repeated in the file or in use, categories that do not exist, ' +
          'by name) and all refusals come back together as a 422 whose `errors[].path` is ' +
          '`rows.<n>.<field>`. Each product gets one default variant.',
      },
      requestExample: {
        rows: [
          { name: 'Es Teh Manis', sku: 'ETM', price: 8000, category: 'Minuman' },
          { name: 'Nasi Goreng', sku: 'NGR', price: 25000, cost: 11000, tracksStock: false },
        ],
      },
      responses: {
        201: {
          description: { id: 'Produk diimpor', en: 'Imported' },
          schema: importResultSchema,
        },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('json', importProductsBody),
    async (c) =>
      c.json(await importProducts(c.var.database.db, c.var.auth, c.req.valid('json').rows), 201),
  )
  .get(
    '/:id',
    operation({
      operationId: 'getProduct',
      tag: 'catalog',
      summary: { id: 'Satu produk', en: 'One product' },
      description: {
        id: 'Dengan `storeId`, harga dan stok tiap varian di toko itu.',
        en: 'With `storeId`, each variant’s price and stock in that store.',
      },
      responses: {
        200: { description: { id: 'Produk', en: 'The product' }, schema: productSchema },
      },
    }),
    validate('param', productIdParam),
    validate('query', productQuery),
    async (c) =>
      c.json(
        await getProduct(
          c.var.database.db,
          c.var.auth.companyId,
          c.req.valid('param').id,
          c.req.valid('query').storeId,
        ),
      ),
  )
  .patch(
    '/:id',
    operation({
      operationId: 'updateProduct',
      tag: 'catalog',
      summary: { id: 'Ubah produk', en: 'Update a product' },
      description: {
        id:
          'Kirim `version` yang diubah (atau If-Match); versi lama dijawab 409 dengan data ' +
          'terkini. Perubahan harga tercatat di riwayat harga.',
        en:
          'Send the `version` you edited (or If-Match); a stale one answers 409 with the ' +
          'current data. A price change is written to the price history.',
      },
      requestExample: { version: 1, price: 27000, isActive: true },
      responses: {
        200: { description: { id: 'Produk', en: 'The product' }, schema: productSchema },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('param', productIdParam),
    validate('json', updateProductBody),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await updateProduct(c.var.database.db, c.var.auth, c.req.valid('param').id, {
          ...body,
          version: expectedVersion(body.version, c.req.header('If-Match')),
        }),
      );
    },
  )
  .delete(
    '/:id',
    operation({
      operationId: 'deleteProduct',
      tag: 'catalog',
      summary: { id: 'Hapus produk', en: 'Delete a product' },
      description: {
        id: 'Beserta varian dan harga tokonya. If-Match opsional; versi lama dijawab 409.',
        en: 'With its variants and store prices. If-Match is optional; a stale one answers 409.',
      },
      responses: { 204: { description: { id: 'Dihapus', en: 'Deleted' } } },
      errors: ['CONFLICT'],
    }),
    manage,
    validate('param', productIdParam),
    async (c) => {
      await deleteProduct(
        c.var.database.db,
        c.var.auth,
        c.req.valid('param').id,
        ifMatchVersion(c.req.header('If-Match')),
        c.var.now,
      );
      return c.body(null, 204);
    },
  )
  .get(
    '/:id/price-history',
    operation({
      operationId: 'listPriceHistory',
      tag: 'catalog',
      summary: { id: 'Riwayat harga produk', en: 'A product’s price history' },
      description: {
        id:
          'Setiap perubahan harga di level produk, varian dan toko, terbaru dulu; saring dengan ' +
          '`variantId` atau `storeId`.',
        en:
          'Every price change at product, variant and store level, newest first; filter by ' +
          '`variantId` or `storeId`.',
      },
      responses: {
        200: {
          description: { id: 'Riwayat harga', en: 'Price history' },
          schema: priceHistoryPageSchema,
        },
      },
    }),
    validate('param', productIdParam),
    validate('query', priceHistoryQuery),
    async (c) => {
      const { db } = c.var.database;
      const productId = c.req.valid('param').id;
      await assertProduct(db, c.var.auth.companyId, productId);
      return c.json(
        await listPriceHistory(db, c.var.auth.companyId, productId, c.req.valid('query')),
      );
    },
  )
  .post(
    '/:id/variants',
    operation({
      operationId: 'addVariant',
      tag: 'catalog',
      summary: { id: 'Tambah varian', en: 'Add a variant' },
      description: {
        id:
          'Satu kombinasi baru dari opsi produk. Kombinasi atau SKU yang sudah ada dijawab 409; ' +
          'kombinasi di luar opsi produk 422.',
        en:
          'One new combination of the product’s options. An existing combination or SKU answers ' +
          '409; a combination outside the options 422.',
      },
      requestExample: {
        optionValues: { Ukuran: 'L' },
        sku: 'EKS-L',
        priceOverride: 30000,
      },
      responses: {
        201: { description: { id: 'Varian dibuat', en: 'Created' }, schema: variantSchema },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('param', productIdParam),
    validate('json', variantBody),
    async (c) =>
      c.json(
        await addVariant(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        201,
      ),
  )
  .patch(
    '/:id/variants/:variantId',
    operation({
      operationId: 'updateVariant',
      tag: 'catalog',
      summary: { id: 'Ubah varian', en: 'Update a variant' },
      description: {
        id: 'Kirim `version` yang diubah (atau If-Match); versi lama dijawab 409 dengan data terkini.',
        en: 'Send the `version` you edited (or If-Match); a stale one answers 409 with the current data.',
      },
      requestExample: { version: 1, priceOverride: 32000 },
      responses: {
        200: { description: { id: 'Varian', en: 'The variant' }, schema: variantSchema },
      },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('param', variantParam),
    validate('json', updateVariantBody),
    async (c) => {
      const { id, variantId } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(
        await updateVariant(c.var.database.db, c.var.auth, id, variantId, {
          ...body,
          version: expectedVersion(body.version, c.req.header('If-Match')),
        }),
      );
    },
  )
  .delete(
    '/:id/variants/:variantId',
    operation({
      operationId: 'deleteVariant',
      tag: 'catalog',
      summary: { id: 'Hapus varian', en: 'Delete a variant' },
      description: {
        id:
          'Beserta harga tokonya. Varian terakhir tidak bisa dihapus (422; hapus produknya). ' +
          'If-Match opsional; versi lama dijawab 409.',
        en:
          'With its store prices. The last variant cannot go (422; delete the product). ' +
          'If-Match is optional; a stale one answers 409.',
      },
      responses: { 204: { description: { id: 'Dihapus', en: 'Deleted' } } },
      errors: ['CONFLICT', 'UNPROCESSABLE'],
    }),
    manage,
    validate('param', variantParam),
    async (c) => {
      const { id, variantId } = c.req.valid('param');
      await deleteVariant(
        c.var.database.db,
        c.var.auth,
        id,
        variantId,
        ifMatchVersion(c.req.header('If-Match')),
        c.var.now,
      );
      return c.body(null, 204);
    },
  )
  .put(
    '/:id/variants/:variantId/store-prices/:storeId',
    operation({
      operationId: 'setStorePrice',
      tag: 'catalog',
      summary: { id: 'Atur harga toko', en: 'Set a store price' },
      description: {
        id: 'Harga varian ini di satu toko, menggantikan harga perusahaan di sana.',
        en: 'This variant’s own price in one store, replacing the company price there.',
      },
      storeScope: 'path.storeId',
      requestExample: { price: 27000 },
      responses: {
        200: { description: { id: 'Harga toko', en: 'The store price' }, schema: storePriceSchema },
      },
    }),
    manage,
    validate('param', storePriceParam),
    validate('json', storePriceBody),
    async (c) => {
      const { id, variantId, storeId } = c.req.valid('param');
      return c.json(
        await setStorePrice(
          c.var.database.db,
          c.var.auth,
          { productId: id, variantId, storeId },
          c.req.valid('json').price,
        ),
      );
    },
  )
  .delete(
    '/:id/variants/:variantId/store-prices/:storeId',
    operation({
      operationId: 'clearStorePrice',
      tag: 'catalog',
      summary: { id: 'Hapus harga toko', en: 'Clear a store price' },
      description: {
        id: 'Harga perusahaan varian berlaku lagi di toko itu; tanpa harga toko dijawab 404.',
        en: 'The variant’s company price applies in that store again; none set answers 404.',
      },
      storeScope: 'path.storeId',
      responses: { 204: { description: { id: 'Dihapus', en: 'Cleared' } } },
    }),
    manage,
    validate('param', storePriceParam),
    async (c) => {
      const { id, variantId, storeId } = c.req.valid('param');
      await clearStorePrice(
        c.var.database.db,
        c.var.auth,
        { productId: id, variantId, storeId },
        c.var.now,
      );
      return c.body(null, 204);
    },
  )
  .get(
    '/:id/modifier-groups',
    operation({
      operationId: 'getProductModifierGroups',
      tag: 'catalog',
      summary: { id: 'Grup modifier produk', en: 'The product’s modifier groups' },
      responses: {
        200: {
          description: { id: 'Grup, urut tampilan', en: 'Groups, in the product’s order' },
          schema: modifierGroupListSchema,
        },
      },
    }),
    validate('param', productIdParam),
    async (c) =>
      c.json({
        data: await getProductModifierGroups(
          c.var.database.db,
          c.var.auth.companyId,
          c.req.valid('param').id,
        ),
      }),
  )
  .put(
    '/:id/modifier-groups',
    operation({
      operationId: 'setProductModifierGroups',
      tag: 'catalog',
      summary: { id: 'Atur grup modifier produk', en: 'Set the product’s modifier groups' },
      description: {
        id:
          'Daftar grup yang ditawarkan produk mulai sekarang, berurutan; yang tidak disebut ' +
          'dilepas. Grup yang tidak dikenal dijawab 422.',
        en:
          'The groups the product offers from now on, in order; those left out are detached. ' +
          'An unknown group answers 422.',
      },
      requestExample: { groupIds: ['0194f3c0-1a2b-7c3d-8e4f-5a6b7c8d9e0f'] },
      responses: {
        200: {
          description: { id: 'Grup produk sekarang', en: 'The product’s groups now' },
          schema: modifierGroupListSchema,
        },
      },
      errors: ['UNPROCESSABLE'],
    }),
    manage,
    validate('param', productIdParam),
    validate('json', productModifierGroupsBody),
    async (c) =>
      c.json({
        data: await setProductModifierGroups(
          c.var.database.db,
          c.var.auth,
          c.req.valid('param').id,
          c.req.valid('json').groupIds,
        ),
      }),
  );
