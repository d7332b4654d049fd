import { Hono } from 'hono';
import { authenticate, requirePermission } from '../../../auth/context';
import { assertWorksInKnownStore } from '../../../auth/store-access';
import type { AuthedEnv } from '../../../env';
import { operation } from '../../../lib/openapi';
import { validate } from '../../../lib/validation';
import { loadKitchenTicket, ticketNotFound } from '../../../services/dining/kitchen';
import { renderKitchenTicket } from '../../../services/receipts/kitchen-ticket';
import { ticketBodySchema, ticketIdParam, ticketQuery } from '../bills/schemas';

/** Kitchen tickets of open bills, printed (and reprinted) for a station's printer. */
export const kitchenTicketRoutes = new Hono<AuthedEnv>().use(authenticate).get(
  '/:id',
  operation({
    operationId: 'printKitchenTicket',
    tag: 'service',
    summary: { id: 'Cetak tiket dapur', en: 'Print a kitchen ticket' },
    description: {
      id:
        'Tanpa harga, huruf besar: meja atau nama, ronde, stasiun, item dengan modifier dan ' +
        'catatan. `format=text` (bawaan) `width` 32 (bawaan) atau 48 kolom, atau `format=html`. ' +
        'Tiket BATAL untuk item yang ditarik kembali.',
      en:
        'No prices, large: table or name, round, station, items with modifiers and notes. ' +
        '`format=text` (default) `width` 32 (default) or 48 columns, or `format=html`. BATAL ' +
        'tickets for items taken back.',
    },
    storeScope: 'kitchenTicket',
    responses: {
      200: {
        description: { id: 'Tiket dapur', en: 'The kitchen ticket' },
        schema: ticketBodySchema,
        mediaType: ['text/plain', 'text/html'],
      },
    },
  }),
  requirePermission('sales.create'),
  validate('param', ticketIdParam),
  validate('query', ticketQuery),
  async (c) => {
    const { id } = c.req.valid('param');
    const { format, width } = c.req.valid('query');
    const ticket = await loadKitchenTicket(c.var.database.db, c.var.auth.companyId, id);
    if (!ticket) throw ticketNotFound();
    assertWorksInKnownStore(c.var.auth, ticket.storeId);
    const body = await renderKitchenTicket(ticket, {
      format,
      width: width === 48 ? 48 : 32,
    });
    return format === 'html' ? c.html(body) : c.text(body);
  },
);
