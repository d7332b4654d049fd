import * as z from 'zod';

/**
 * The query parameters every list shares. Spread `pageQuery` into a list's query schema; the
 * service reads a page with the keyset helpers of src/lib/cursor.ts and answers
 * `{ data, nextCursor }` (pageOf in src/lib/api-schemas.ts describes it).
 */
export const pageQuery = {
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(100)
    .default(50)
    .meta({ description: 'Baris per halaman · Rows per page (1–100)' }),
  cursor: z
    .string()
    .max(2000)
    .optional()
    .meta({ description: '`nextCursor` halaman sebelumnya · of the previous page' }),
};

/** `?flag=true` / `?flag=false`; absent means "either". */
export const booleanQuery = z
  .enum(['true', 'false'])
  .transform((value) => value === 'true')
  .optional();
