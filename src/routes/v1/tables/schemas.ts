import * as z from 'zod';
import { id, listOf, timestamp, version } from '../../../lib/api-schemas';

const name = z.string().trim().min(1).max(60).meta({ example: 'Meja 4' });
const area = z.string().trim().min(1).max(60).nullable().meta({ example: 'Teras' });
const capacity = z.int().min(1).max(500).nullable().meta({ example: 4 });
const sortOrder = z.int().min(0).max(100_000);

export const tableIdParam = z.strictObject({ id: z.uuid() });

export const listTablesQuery = z.strictObject({ storeId: z.uuid() });

export const createTableBody = z.strictObject({
  storeId: z.uuid(),
  name,
  area: area.optional(),
  capacity: capacity.optional(),
  sortOrder: sortOrder.optional(),
  isActive: z.boolean().optional(),
});

export const updateTableBody = z.strictObject({
  version: version.optional(),
  name: name.optional(),
  area: area.optional(),
  capacity: capacity.optional(),
  sortOrder: sortOrder.optional(),
  isActive: z.boolean().optional(),
});

export const tableSchema = z
  .object({
    id,
    storeId: id,
    name: z.string(),
    area: z.string().nullable(),
    capacity: z.int().nullable(),
    sortOrder: z.int(),
    isActive: z.boolean(),
    openBillId: id.nullable().meta({ description: 'The bill open on the table, if any' }),
    version,
    updatedAt: timestamp,
  })
  .meta({ id: 'DiningTable' });

export const tableListSchema = listOf(tableSchema);
