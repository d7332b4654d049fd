import { kitchenTicketHtmlTemplate, kitchenTicketTextTemplate } from './kitchen-templates';
import { type ReceiptTemplateInput, type RenderOptions, renderWith } from './render';

/** What a kitchen ticket prints: one round of an open bill for one station, or a void. */
export interface KitchenTicketData {
  /** 'order': a round sent to the kitchen; 'void': items taken back after they were sent ("BATAL"). */
  kind: 'order' | 'void';
  store: { code: string; name: string; timezone: string };
  ticket: {
    id: string;
    /** The bill's round this ticket is for (1, 2, …); null for a void ticket. */
    round: number | null;
    /** The kitchen station ('bar', 'kitchen', or any name the owner gave); null = the one kitchen. */
    station: string | null;
    /** When the round was sent (ISO 8601 UTC). */
    createdAt: string;
  };
  bill: {
    id: string;
    /** A short reference people can say aloud, e.g. "7F3A2C". */
    reference: string;
    tableName: string | null;
    /** The name a bill was opened under ("Bu Sari, takeaway"), if any. */
    name: string | null;
    guests: number | null;
  };
  orderedBy: { name: string };
  /** Why the items were taken back (void tickets). */
  reason: string | null;
  items: Array<{
    quantity: number;
    product: string;
    /** The variant's name when the product has several ("Large"), else null. */
    variant: string | null;
    /** Chosen modifier option names ("Less sugar", "Extra shot"). */
    modifiers: string[];
    note: string | null;
  }>;
}

/**
 * A kitchen ticket carries none of the company's receipt header or footer (no address, no
 * "Terima kasih"): the kitchen needs the table and the items, nothing else.
 */
const noHeaderOrFooter: ReceiptTemplateInput = { header: '', footer: '' };

/**
 * The kitchen ticket in the built-in kitchen bodies, through the receipt engine: plain text
 * fitted to 32 or 48 columns (every value wrapped, never cut), or a standalone HTML document
 * with every value escaped. Times print in the store's zone (WIB/WITA/WIT).
 */
export async function renderKitchenTicket(
  ticket: KitchenTicketData,
  options: RenderOptions,
): Promise<string> {
  return renderWith(
    { html: kitchenTicketHtmlTemplate, text: kitchenTicketTextTemplate },
    noHeaderOrFooter,
    ticket,
    options,
  );
}
