import * as z from 'zod';
import { approvalSchema } from '../../../auth/approval';
import { billItemStatuses, billStatuses, kitchenTicketKinds } from '../../../db/schema';
import { id, listOf, rupiah, timestamp, version } from '../../../lib/api-schemas';
import { paymentSchema, saleSchema } from '../sales/schemas';

const label = z.string().trim().min(1).max(80);
const reason = z.string().trim().min(1).max(500);

export const billIdParam = z.strictObject({ id: z.uuid() });

export const billItemBody = z.strictObject({
  id: z.uuid().meta({ description: 'Buatan perangkat · Made by the device (retries are safe)' }),
  variantId: z.uuid(),
  quantity: z.int().min(1).max(1_000),
  modifiers: z
    .array(z.strictObject({ optionId: z.uuid() }))
    .max(20)
    .optional()
    .meta({ description: 'Opsi modifier per unit · Options of the product’s modifier groups' }),
  note: z.string().trim().min(1).max(200).optional().meta({ example: 'Es sedikit' }),
});

const newItems = z
  .array(billItemBody)
  .max(100)
  .refine(
    (items) => new Set(items.map((item) => item.id)).size === items.length,
    'bills.itemIdReused',
  );

export const openBillBody = z
  .strictObject({
    id: z.uuid().meta({ description: 'Buatan perangkat · Made by the device (retries are safe)' }),
    storeId: z.uuid(),
    tableId: z.uuid().optional(),
    name: label.optional().meta({ example: 'Bu Sari' }),
    guests: z.int().min(1).max(500).optional(),
    note: z.string().trim().min(1).max(500).optional(),
    items: newItems.optional(),
  })
  .refine((body) => body.tableId !== undefined || body.name !== undefined, {
    message: 'bills.nameOrTable',
    path: ['name'],
  });

export const listBillsQuery = z.strictObject({
  storeId: z.uuid(),
  status: z.enum(billStatuses).default('open'),
});

export const addItemsBody = z.strictObject({ items: newItems.min(1) });

const itemIds = z
  .array(z.uuid())
  .min(1)
  .max(100)
  .refine((ids) => new Set(ids).size === ids.length, 'bills.itemIdReused');

export const removeItemsBody = z.strictObject({
  id: z.uuid().meta({ description: 'The removal’s id: its BATAL tickets carry it' }),
  version,
  itemIds,
  reason: reason
    .optional()
    .meta({ description: 'Required for items already sent', example: 'Tamu batal pesan' }),
  approval: approvalSchema.optional(),
});

export const sendRoundBody = z.strictObject({
  id: z.uuid().meta({ description: 'The send’s id: sent again, it answers the same tickets' }),
});

export const moveBillBody = z.strictObject({
  version,
  tableId: z.uuid().nullable(),
  name: label.optional(),
});

export const mergeBillBody = z.strictObject({
  version,
  sourceBillId: z.uuid(),
  sourceVersion: version,
});

export const splitBillBody = z
  .strictObject({
    version,
    newBillId: z.uuid(),
    itemIds,
    tableId: z.uuid().optional(),
    name: label.optional(),
  })
  .refine((body) => body.tableId !== undefined || body.name !== undefined, {
    message: 'bills.nameOrTable',
    path: ['name'],
  });

export const cancelBillBody = z.strictObject({
  id: z.uuid().meta({ description: 'The cancel’s id: its BATAL tickets carry it' }),
  version,
  reason: reason.meta({ example: 'Tamu pergi sebelum pesan' }),
  approval: approvalSchema.optional(),
});

export const settleBillBody = z.strictObject({
  saleId: z.uuid().meta({ description: 'The sale’s id, made by the device: retries are safe' }),
  version: version.optional().meta({
    description: 'The bill’s version shown to the customer: a bill changed since is 409',
  }),
  orderDiscount: rupiah.optional(),
  note: z.string().trim().max(500).optional(),
  clientReference: z.string().trim().min(1).max(100).optional(),
  payments: z.array(paymentSchema).min(1).max(10),
  expectedTotal: rupiah.optional(),
  approval: approvalSchema.optional(),
});

export const ticketIdParam = z.strictObject({ id: z.uuid() });

export const ticketQuery = z.strictObject({
  format: z.enum(['html', 'text']).default('text'),
  width: z.enum(['32', '48']).transform(Number).default(32),
});

// ---------------------------------------------------------------------------------------------
// Responses (src/services/dining/*).

const person = z.object({ id, name: z.string() });

export const billSchema = z
  .object({
    id,
    storeId: id,
    table: z.object({ id, name: z.string() }).nullable(),
    name: z.string().nullable(),
    guests: z.int().nullable(),
    note: z.string().nullable(),
    status: z.enum(billStatuses),
    rounds: z.int().min(0).meta({ description: 'Rounds sent to the kitchen so far' }),
    openedBy: person,
    openedAt: timestamp,
    sale: z
      .object({ id, number: z.string(), total: rupiah })
      .nullable()
      .meta({ description: 'The sale that settled the bill' }),
    mergedInto: id.nullable(),
    closedAt: timestamp.nullable(),
    cancelReason: z.string().nullable(),
    items: z.array(
      z.object({
        id,
        variantId: id,
        product: z.string(),
        variant: z.string(),
        station: z.string().nullable(),
        quantity: z.int(),
        modifiers: z.array(z.object({ optionId: id, groupName: z.string(), name: z.string() })),
        note: z.string().nullable(),
        addedBy: person,
        addedAt: timestamp,
        round: z.int().nullable().meta({ description: 'The kitchen round; null: not sent yet' }),
        status: z.enum(billItemStatuses).meta({
          description: 'removed: taken off before the kitchen saw it; voided: a kitchen void',
        }),
        removedAt: timestamp.nullable(),
        removalReason: z.string().nullable(),
      }),
    ),
    tickets: z.array(
      z.object({
        id,
        kind: z.enum(kitchenTicketKinds),
        round: z.int().nullable(),
        station: z.string().nullable(),
        createdAt: timestamp,
        items: z.int(),
      }),
    ),
    version,
    updatedAt: timestamp,
  })
  .meta({ id: 'Bill' });

export const billListSchema = listOf(billSchema);

export const sendRoundSchema = z.object({
  bill: billSchema,
  ticketIds: z.array(id).meta({ description: 'This round’s tickets, one per station' }),
});

export const splitResultSchema = z.object({ bill: billSchema, newBill: billSchema });

export const settleResultSchema = z.object({ sale: saleSchema, bill: billSchema });

export const ticketBodySchema = z.string();
