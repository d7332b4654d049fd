import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { validate } from '../../../lib/validation';
import { expectedVersion } from '../../../lib/versioning';
import { columnsForPaper, renderReceipt } from '../../../services/receipts/render';
import { sampleReceiptData } from '../../../services/receipts/sample-data';
import { effectiveTemplate } from '../../../services/receipts/template-cache';
import {
  assertStoreOfCompany,
  assertTemplates,
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from '../../../services/receipts/templates';
import {
  createTemplateBody,
  effectiveQuery,
  previewBody,
  templateIdParam,
  updateTemplateBody,
} from './schemas';

const manage = requirePermission('settings.manage');

/**
 * Receipt templates: the company default and per-store overrides. Every staff member reads and
 * previews; writing needs settings.manage.
 */
export const receiptTemplateRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get('/', async (c) =>
    c.json({ data: await listTemplates(c.var.database.db, c.var.auth.companyId) }),
  )
  .post('/', manage, validate('json', createTemplateBody), async (c) =>
    c.json(await createTemplate(c.var.database.db, c.env, c.var.auth, c.req.valid('json')), 201),
  )
  .get('/effective', validate('query', effectiveQuery), async (c) => {
    const { db } = c.var.database;
    const { companyId } = c.var.auth;
    const storeId = c.req.valid('query').storeId ?? null;
    if (storeId) await assertStoreOfCompany(db, companyId, storeId);
    return c.json(await effectiveTemplate(c.env, db, companyId, storeId));
  })
  .post('/preview', validate('json', previewBody), async (c) => {
    const input = c.req.valid('json');
    const { db } = c.var.database;
    const { companyId } = c.var.auth;
    const storeId = input.storeId ?? null;
    if (storeId) await assertStoreOfCompany(db, companyId, storeId);
    await assertTemplates({
      header: input.header,
      footer: input.footer,
      htmlTemplate: input.htmlTemplate,
      textTemplate: input.textTemplate,
    });
    const base = await effectiveTemplate(c.env, db, companyId, storeId);
    const rendered = await renderReceipt(
      {
        header: input.header ?? base.header,
        footer: input.footer ?? base.footer,
        showNpwp: input.showNpwp ?? base.showNpwp,
        showCashier: input.showCashier ?? base.showCashier,
        html: input.htmlTemplate,
        text: input.textTemplate,
      },
      sampleReceiptData(),
      { format: input.format, width: input.width ?? columnsForPaper(base.paperWidthMm) },
    );
    c.header('Cache-Control', 'no-store');
    return input.format === 'html' ? c.html(rendered) : c.text(rendered);
  })
  .get('/:id', validate('param', templateIdParam), async (c) =>
    c.json(await getTemplate(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    manage,
    validate('param', templateIdParam),
    validate('json', updateTemplateBody),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await updateTemplate(c.var.database.db, c.env, c.var.auth, c.req.valid('param').id, {
          ...body,
          version: expectedVersion(c, body.version),
        }),
      );
    },
  )
  .delete('/:id', manage, validate('param', templateIdParam), async (c) => {
    const expected =
      c.req.header('If-Match') === undefined ? undefined : expectedVersion(c, undefined);
    await deleteTemplate(
      c.var.database.db,
      c.env,
      c.var.auth,
      c.req.valid('param').id,
      expected,
      c.var.now,
    );
    return c.body(null, 204);
  });
