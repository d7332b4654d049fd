import * as z from 'zod';

/**
 * Building blocks of response schemas (each resource's `schemas.ts` composes them). They
 * describe the JSON on the wire: times are ISO 8601 strings in UTC, money is integer rupiah.
 */

export const id = z.uuid();

/** An instant, as `Date.toISOString()` writes it. Postgres' own text form fails this. */
export const timestamp = z.iso
  .datetime()
  .meta({ description: 'ISO 8601, UTC', example: '2026-12-03T03:15:00.000Z' });

/** A calendar date in the store's zone (a business date). */
export const calendarDate = z.iso.date().meta({ example: '2026-12-03' });

export const rupiah = z
  .int()
  .meta({ id: 'Rupiah', description: 'Rupiah bulat · Whole rupiah', example: 25_000 });

/** The optimistic-concurrency version a client sends back as `version` or `If-Match`. */
export const version = z.int().min(1);

/** A keyset page: `nextCursor` is null on the last page; pass it back as `?cursor=`. */
export function pageOf<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}

/** A list that is never paged (small by nature, such as the category tree). */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z.object({ data: z.array(item) });
}
