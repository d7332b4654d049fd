import { Hono } from 'hono';
import { authenticate } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';

export const receiptTemplateRoutes = new Hono<AuthedEnv>().use(authenticate);
