import { z } from 'zod';
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
