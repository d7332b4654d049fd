import * as z from 'zod';
import { id, listOf, timestamp, version } from '../../../lib/api-schemas';
import { imageUrlSchema } from '../products/schemas';

export const categoryIdParam = z.strictObject({ id: z.uuid() });

export const createCategoryBody = z.strictObject({
  name: z.string().trim().min(1).max(100),
  parentId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  imageUrl: imageUrlSchema.nullable().optional(),
});

export const updateCategoryBody = z.strictObject({
  version: z.number().int().min(1).optional(),
  name: z.string().trim().min(1).max(100).optional(),
  parentId: z.uuid().nullable().optional(),
  sortOrder: z.number().int().min(0).max(100_000).optional(),
  imageUrl: imageUrlSchema.nullable().optional(),
});

export const categorySchema = z
  .object({
    id,
    parentId: id.nullable(),
    name: z.string().meta({ example: 'Minuman' }),
    sortOrder: z.int(),
    imageUrl: z.string().nullable(),
    depth: z.int().min(1).meta({ description: '1 for a top-level category' }),
    createdAt: timestamp,
    updatedAt: timestamp,
    version,
  })
  .meta({ id: 'Category' });

export const categoryListSchema = listOf(categorySchema);
