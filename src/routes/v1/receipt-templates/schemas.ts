import { z } from 'zod';

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
