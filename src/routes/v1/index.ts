import { Hono } from 'hono';
import type { AppEnv } from '../../env';
import { auditLogRoutes } from './audit-logs';
import { authRoutes } from './auth';
import { billRoutes } from './bills';
import { categoryRoutes } from './categories';
import { companyRoutes } from './company';
import { infoRoutes } from './info';
import { inventoryRoutes } from './inventory';
import { kitchenTicketRoutes } from './kitchen-tickets';
import { meRoutes } from './me';
import { metricsRoutes } from './metrics';
import { modifierGroupRoutes } from './modifier-groups';
import { notificationRoutes } from './notifications';
import { platformRoutes } from './platform';
import { productRoutes } from './products';
import { receiptTemplateRoutes } from './receipt-templates';
import { reportRoutes } from './reports';
import { saleRoutes } from './sales';
import { shiftRoutes } from './shifts';
import { storeRoutes } from './stores';
import { syncRoutes } from './sync';
import { tableRoutes } from './tables';
import { userRoutes } from './users';

/** Version 1 of the API. Each resource is a sub-app mounted here with `.route()`. */
export const v1Routes = new Hono<AppEnv>()
  .route('/auth', authRoutes)
  .route('/me', meRoutes)
  .route('/users', userRoutes)
  .route('/company', companyRoutes)
  .route('/stores', storeRoutes)
  .route('/platform', platformRoutes)
  .route('/audit-logs', auditLogRoutes)
  .route('/categories', categoryRoutes)
  .route('/products', productRoutes)
  .route('/modifier-groups', modifierGroupRoutes)
  .route('/inventory', inventoryRoutes)
  .route('/notifications', notificationRoutes)
  .route('/receipt-templates', receiptTemplateRoutes)
  .route('/transactions', saleRoutes)
  .route('/shifts', shiftRoutes)
  .route('/tables', tableRoutes)
  .route('/bills', billRoutes)
  .route('/kitchen-tickets', kitchenTicketRoutes)
  .route('/reports', reportRoutes)
  .route('/metrics', metricsRoutes)
  .route('/sync', syncRoutes)
  .route('/', infoRoutes);
