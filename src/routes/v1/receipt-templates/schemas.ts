import * as z from 'zod';
import { id, listOf, timestamp, version } from '../../../lib/api-schemas';

const paperWidth = z.union([z.literal(58), z.literal(80)]);
/** A Liquid snippet: plain lines, may use the receipt variables, e.g. `{{ store.name }}`. */
const snippet = z.string().max(2_000);
/** A whole receipt body (Liquid) replacing the built-in HTML or text one. */
const body = z.string().max(50_000);

export const templateIdParam = z.strictObject({ id: z.uuid() });

/** The template a store's receipts use now (store override, company default or built-in). */
export const effectiveQuery = z.strictObject({ storeId: z.uuid().optional() });

export const createTemplateBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  storeId: z.uuid().nullable().optional(),
  paperWidthMm: paperWidth.optional(),
  header: snippet.optional(),
  footer: snippet.optional(),
  showNpwp: z.boolean().optional(),
  showCashier: z.boolean().optional(),
  htmlTemplate: body.nullable().optional(),
  textTemplate: body.nullable().optional(),
});

export const updateTemplateBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  paperWidthMm: paperWidth.optional(),
  header: snippet.optional(),
  footer: snippet.optional(),
  showNpwp: z.boolean().optional(),
  showCashier: z.boolean().optional(),
  htmlTemplate: body.nullable().optional(),
  textTemplate: body.nullable().optional(),
});

export const previewBody = z.strictObject({
  format: z.enum(['html', 'text']).default('text'),
  /** Text columns; by default those of the template's paper (58 mm → 32, 80 mm → 48). */
  width: z.union([z.literal(32), z.literal(48)]).optional(),
  /** Start from the template this store would use (else the company default, else built-in). */
  storeId: z.uuid().nullable().optional(),
  header: snippet.optional(),
  footer: snippet.optional(),
  showNpwp: z.boolean().optional(),
  showCashier: z.boolean().optional(),
  htmlTemplate: body.optional(),
  textTemplate: body.optional(),
});

// ---------------------------------------------------------------------------------------------
// Responses (the JSON on the wire; see src/services/receipts/templates.ts and template-cache.ts)

const templateFields = {
  storeId: id.nullable().meta({ description: 'null: default perusahaan · null: company default' }),
  name: z.string().meta({ example: 'Struk Kopi Kita Ubud' }),
  paperWidthMm: paperWidth.meta({ description: '58 mm → 32 kolom, 80 mm → 48 · columns' }),
  header: z.string().meta({ example: 'IG @kopikita' }),
  footer: z.string().meta({ example: 'Terima kasih' }),
  showNpwp: z.boolean(),
  showCashier: z.boolean(),
};

export const receiptTemplateSchema = z
  .object({
    id,
    ...templateFields,
    htmlTemplate: z.string().nullable(),
    textTemplate: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'ReceiptTemplate' });

export const receiptTemplateListSchema = listOf(receiptTemplateSchema);

export const effectiveReceiptTemplateSchema = z
  .object({
    source: z.enum(['store', 'company', 'builtin']),
    id: id.nullable().meta({ description: 'null for the built-in template' }),
    ...templateFields,
    html: z.string().optional().meta({
      description: 'Isi HTML pengganti, bila ada · The replacing HTML body, when there is one',
    }),
    text: z.string().optional().meta({
      description: 'Isi teks pengganti, bila ada · The replacing text body, when there is one',
    }),
    version: version.nullable(),
  })
  .meta({ id: 'EffectiveReceiptTemplate' });

/** The preview as the printer would get it (text/plain) or as the app shows it (text/html). */
export const receiptPreviewSchema = z.string().meta({ example: 'Kopi Kita Ubud\n...' });
