import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { validate } from '../../../lib/validation';
import { expectedVersion } from '../../../lib/versioning';
import { auditActor } from '../../../services/audit';
import {
  createCategory,
  deleteCategory,
  getCategory,
  listCategories,
  updateCategory,
} from '../../../services/categories';
import { categoryIdParam, createCategoryBody, updateCategoryBody } from './schemas';

const manage = requirePermission('catalog.manage');

/** The category tree. Every staff member reads; writing needs catalog.manage. */
export const categoryRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get('/', async (c) =>
    c.json({ data: await listCategories(c.var.database.db, c.var.auth.companyId) }),
  )
  .post('/', manage, validate('json', createCategoryBody), async (c) =>
    c.json(await createCategory(c.var.database.db, auditActor(c), c.req.valid('json')), 201),
  )
  .get('/:id', validate('param', categoryIdParam), async (c) =>
    c.json(await getCategory(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    manage,
    validate('param', categoryIdParam),
    validate('json', updateCategoryBody),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await updateCategory(c.var.database.db, auditActor(c), c.req.valid('param').id, {
          ...body,
          version: expectedVersion(c, body.version),
        }),
      );
    },
  )
  .delete('/:id', manage, validate('param', categoryIdParam), async (c) => {
    const expected =
      c.req.header('If-Match') === undefined ? undefined : expectedVersion(c, undefined);
    await deleteCategory(
      c.var.database.db,
      auditActor(c),
      c.req.valid('param').id,
      expected,
      new Date(),
    );
    return c.body(null, 204);
  });
