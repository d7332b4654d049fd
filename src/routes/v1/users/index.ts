import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
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
} from './schemas';

/** Staff of the caller's company. Everything here needs users.manage. */
export const userRoutes = new Hono<AuthedEnv>()
  .use(authenticate, requirePermission('users.manage'))
  .get('/', validate('query', listUsersQuery), async (c) =>
    c.json(await listUsers(c.var.database.db, c.var.auth.companyId, c.req.valid('query'))),
  )
  .post('/', validate('json', createUserBody), async (c) =>
    c.json(await createUser(c.var.database.db, c.var.auth, c.req.valid('json')), 201),
  )
  .get('/:id', validate('param', userIdParam), async (c) =>
    c.json(await getUser(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id)),
  )
  .patch('/:id', validate('param', userIdParam), validate('json', updateUserBody), async (c) =>
    c.json(
      await updateUser(c.var.database.db, c.var.auth, c.req.valid('param').id, c.req.valid('json')),
    ),
  )
  .post('/:id/deactivate', validate('param', userIdParam), async (c) =>
    c.json(
      await setUserActive(c.var.database.db, c.var.auth, c.req.valid('param').id, false, c.var.now),
    ),
  )
  .post('/:id/reactivate', validate('param', userIdParam), async (c) =>
    c.json(
      await setUserActive(c.var.database.db, c.var.auth, c.req.valid('param').id, true, c.var.now),
    ),
  )
  .post(
    '/:id/reset-password',
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
