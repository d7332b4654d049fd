import type { Context } from 'hono';
import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { validate } from '../../../lib/validation';
import { expectedVersion } from '../../../lib/versioning';
import { listPriceHistory } from '../../../services/prices';
import {
  addVariant,
  assertProduct,
  clearStorePrice,
  createProduct,
  deleteProduct,
  deleteVariant,
  getProduct,
  listProducts,
  setStorePrice,
  updateProduct,
  updateVariant,
} from '../../../services/products';
import {
  createProductBody,
  listProductsQuery,
  priceHistoryQuery,
  productIdParam,
  productQuery,
  storePriceBody,
  storePriceParam,
  updateProductBody,
  updateVariantBody,
  variantBody,
  variantParam,
} from './schemas';

/** A DELETE may carry If-Match; without it the current version is deleted. */
function optionalVersion(c: Context<AuthedEnv>): number | undefined {
  return c.req.header('If-Match') === undefined ? undefined : expectedVersion(c, undefined);
}

const manage = requirePermission('catalog.manage');

/** Products, variants and prices. Every staff member reads; writing needs catalog.manage. */
export const productRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get('/', validate('query', listProductsQuery), async (c) =>
    c.json(await listProducts(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .post('/', manage, validate('json', createProductBody), async (c) =>
    c.json(await createProduct(c.var.database.db, c.var.auth, c.req.valid('json')), 201),
  )
  .get('/:id', validate('param', productIdParam), validate('query', productQuery), async (c) =>
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
    manage,
    validate('param', productIdParam),
    validate('json', updateProductBody),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await updateProduct(c.var.database.db, c.var.auth, c.req.valid('param').id, {
          ...body,
          version: expectedVersion(c, body.version),
        }),
      );
    },
  )
  .delete('/:id', manage, validate('param', productIdParam), async (c) => {
    await deleteProduct(
      c.var.database.db,
      c.var.auth,
      c.req.valid('param').id,
      optionalVersion(c),
      c.var.now,
    );
    return c.body(null, 204);
  })
  .get(
    '/:id/price-history',
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
    manage,
    validate('param', variantParam),
    validate('json', updateVariantBody),
    async (c) => {
      const { id, variantId } = c.req.valid('param');
      const body = c.req.valid('json');
      return c.json(
        await updateVariant(c.var.database.db, c.var.auth, id, variantId, {
          ...body,
          version: expectedVersion(c, body.version),
        }),
      );
    },
  )
  .delete('/:id/variants/:variantId', manage, validate('param', variantParam), async (c) => {
    const { id, variantId } = c.req.valid('param');
    await deleteVariant(
      c.var.database.db,
      c.var.auth,
      id,
      variantId,
      optionalVersion(c),
      c.var.now,
    );
    return c.body(null, 204);
  })
  .put(
    '/:id/variants/:variantId/store-prices/:storeId',
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
  );
