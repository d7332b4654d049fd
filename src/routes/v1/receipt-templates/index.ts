import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { expectedVersion, ifMatchVersion } from '../../../lib/versioning';
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
  effectiveReceiptTemplateSchema,
  previewBody,
  receiptPreviewSchema,
  receiptTemplateListSchema,
  receiptTemplateSchema,
  templateIdParam,
  updateTemplateBody,
} from './schemas';

const manage = requirePermission('settings.manage');

const previewRendered = { id: 'Struk contoh', en: 'The sample receipt' };

const templateErrors = ['CONFLICT', 'UNPROCESSABLE'] as const;

/**
 * Receipt templates: the company default and per-store overrides. Every staff member reads and
 * previews; writing needs settings.manage.
 */
export const receiptTemplateRoutes = new Hono<AuthedEnv>()
  .use(authenticate)
  .get(
    '/',
    operation({
      operationId: 'listReceiptTemplates',
      tag: 'receipts',
      summary: { id: 'Template struk', en: 'Receipt templates' },
      description: {
        id: 'Default perusahaan dulu, lalu template per toko.',
        en: 'The company default first, then the store overrides.',
      },
      responses: {
        200: {
          description: { id: 'Template struk', en: 'Receipt templates' },
          schema: receiptTemplateListSchema,
        },
      },
    }),
    async (c) => c.json({ data: await listTemplates(c.var.database.db, c.var.auth.companyId) }),
  )
  .post(
    '/',
    operation({
      operationId: 'createReceiptTemplate',
      tag: 'receipts',
      summary: { id: 'Buat template struk', en: 'Create a receipt template' },
      description: {
        id:
          'Tanpa `storeId` default perusahaan, dengan `storeId` template toko itu (pemanggil ' +
          'harus bertugas di sana; toko tak dikenal 404). Satu template per cakupan (409); ' +
          'Liquid yang rusak dijawab 422 dengan field dan barisnya.',
        en:
          'Without `storeId` the company default, with one that store’s template (the caller ' +
          'must work there; an unknown store is 404). One template per scope (409); broken ' +
          'Liquid answers 422 with its field and line.',
      },
      storeScope: 'body.storeId',
      requestExample: {
        name: 'Struk Kopi Kita Ubud',
        storeId: '0191f3a2-7c4e-7b1a-9d2e-3f4a5b6c7d8e',
        paperWidthMm: 58,
        header: 'IG @kopikita · Wifi: kopikita',
        footer: 'Terima kasih, sampai jumpa lagi!',
        showNpwp: true,
      },
      responses: {
        201: {
          description: { id: 'Template dibuat', en: 'Created' },
          schema: receiptTemplateSchema,
        },
      },
      errors: ['NOT_FOUND', ...templateErrors],
    }),
    manage,
    validate('json', createTemplateBody),
    async (c) =>
      c.json(await createTemplate(c.var.database.db, c.env, c.var.auth, c.req.valid('json')), 201),
  )
  .get(
    '/effective',
    operation({
      operationId: 'getEffectiveReceiptTemplate',
      tag: 'receipts',
      summary: { id: 'Template struk yang berlaku', en: 'The receipt template in effect' },
      description: {
        id:
          'Yang dipakai struk toko itu sekarang: template toko, default perusahaan, atau bawaan. ' +
          'Tanpa `storeId`, yang berlaku untuk perusahaan. Toko tak dikenal dijawab 404.',
        en:
          'What that store’s receipts use now: its own template, the company default, or the ' +
          'built-in one. Without `storeId`, the company’s. An unknown store answers 404.',
      },
      responses: {
        200: {
          description: { id: 'Template yang berlaku', en: 'The template in effect' },
          schema: effectiveReceiptTemplateSchema,
        },
      },
      errors: ['NOT_FOUND'],
    }),
    validate('query', effectiveQuery),
    async (c) => {
      const { db } = c.var.database;
      const { companyId } = c.var.auth;
      const storeId = c.req.valid('query').storeId ?? null;
      if (storeId) await assertStoreOfCompany(db, companyId, storeId);
      return c.json(await effectiveTemplate(c.env, db, companyId, storeId));
    },
  )
  .post(
    '/preview',
    operation({
      operationId: 'previewReceipt',
      tag: 'receipts',
      summary: { id: 'Pratinjau struk', en: 'Preview a receipt' },
      description: {
        id:
          'Merender penjualan contoh dengan template yang berlaku (toko, perusahaan, atau bawaan) ' +
          'ditimpa isian permintaan, sebagai teks (`format: text`, text/plain) atau HTML ' +
          '(text/html). Liquid yang rusak dijawab 422; toko tak dikenal 404.',
        en:
          'Renders the sample sale with the template in effect (store, company or built-in) ' +
          'overlaid with the request’s fields, as text (`format: text`, text/plain) or HTML ' +
          '(text/html). Broken Liquid answers 422; an unknown store 404.',
      },
      requestExample: {
        format: 'text',
        width: 32,
        header: 'Wifi: kopikita / {{ store.code }}',
        footer: 'Terima kasih!',
      },
      responses: {
        200: {
          description: previewRendered,
          schema: receiptPreviewSchema,
          mediaType: ['text/plain', 'text/html'],
        },
      },
      errors: ['NOT_FOUND', 'UNPROCESSABLE'],
    }),
    validate('json', previewBody),
    async (c) => {
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
    },
  )
  .get(
    '/:id',
    operation({
      operationId: 'getReceiptTemplate',
      tag: 'receipts',
      summary: { id: 'Satu template struk', en: 'One receipt template' },
      responses: {
        200: {
          description: { id: 'Template struk', en: 'The receipt template' },
          schema: receiptTemplateSchema,
        },
      },
    }),
    validate('param', templateIdParam),
    async (c) =>
      c.json(await getTemplate(c.var.database.db, c.var.auth.companyId, c.req.valid('param').id)),
  )
  .patch(
    '/:id',
    operation({
      operationId: 'updateReceiptTemplate',
      tag: 'receipts',
      summary: { id: 'Ubah template struk', en: 'Update a receipt template' },
      description: {
        id:
          'Kirim `version` yang diubah (atau If-Match); versi lama dijawab 409 dengan data ' +
          'terkini. Template toko hanya oleh yang bertugas di toko itu (403); Liquid yang rusak 422.',
        en:
          'Send the `version` you edited (or If-Match); a stale one answers 409 with the current ' +
          'data. A store’s template only by those working there (403); broken Liquid 422.',
      },
      requestExample: { version: 1, footer: 'Matur suksma, sampai jumpa lagi!' },
      responses: {
        200: {
          description: { id: 'Template struk', en: 'The receipt template' },
          schema: receiptTemplateSchema,
        },
      },
      errors: [...templateErrors],
    }),
    manage,
    validate('param', templateIdParam),
    validate('json', updateTemplateBody),
    async (c) => {
      const body = c.req.valid('json');
      return c.json(
        await updateTemplate(c.var.database.db, c.env, c.var.auth, c.req.valid('param').id, {
          ...body,
          version: expectedVersion(body.version, c.req.header('If-Match')),
        }),
      );
    },
  )
  .delete(
    '/:id',
    operation({
      operationId: 'deleteReceiptTemplate',
      tag: 'receipts',
      summary: { id: 'Hapus template struk', en: 'Delete a receipt template' },
      description: {
        id:
          'Toko (atau perusahaan) kembali ke template berikutnya. If-Match opsional; versi lama ' +
          'dijawab 409.',
        en:
          'The store (or company) falls back to the next template in line. If-Match is ' +
          'optional; a stale one answers 409.',
      },
      responses: { 204: { description: { id: 'Dihapus', en: 'Deleted' } } },
      errors: ['CONFLICT'],
    }),
    manage,
    validate('param', templateIdParam),
    async (c) => {
      const expected = ifMatchVersion(c.req.header('If-Match'));
      await deleteTemplate(
        c.var.database.db,
        c.env,
        c.var.auth,
        c.req.valid('param').id,
        expected,
        c.var.now,
      );
      return c.body(null, 204);
    },
  );
