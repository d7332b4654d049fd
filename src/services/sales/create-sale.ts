import type { Authorization } from '../../auth/approval';
import type { Db } from '../../db/client';
import type { PaymentMethod } from '../../db/schema';
import { conflictsOnUnique } from '../../db/unique-violation';
import { ApiError } from '../../lib/errors';
import { requestHash } from '../../lib/request-hash';
import type { LowStockCrossing } from '../stock';
import { prepareSale } from './prepare-sale';
import { type ExistingSale, loadMenu, loadSaleStore } from './sale-lookups';
import { loadSale, type SaleView, saleViewOf } from './sale-view';
import { writeSales } from './write-sales';

export interface SaleItemInput {
  variantId: string;
  quantity: number;
  lineDiscount?: number;
  /** A price other than the catalog price; needs price.override or a manager's approval. */
  unitPrice?: number;
  /** Options of the product's modifier groups, for each unit of the line. */
  modifiers?: Array<{ optionId: string }>;
}

export interface PaymentInput {
  method: PaymentMethod;
  /** What a non-cash tender pays; cash pays what is left of the total. */
  amount?: number;
  /** Cash handed over by the customer. */
  tendered?: number;
  externalReference?: string;
}

export interface SaleInput {
  /** The client's own id for the sale: retries with the same id and body are answered once. */
  id?: string;
  storeId: string;
  items: SaleItemInput[];
  orderDiscount?: number;
  note?: string;
  clientReference?: string;
  payments: PaymentInput[];
  /** The total the till computed; refused with 422 when the server's differs. */
  expectedTotal?: number;
}

export interface CreateSaleCommand {
  companyId: string;
  cashierId: string;
  deviceSessionId: string | null;
  requestId: string | null;
  ipAddress: string | null;
  /** Who allowed price overrides and discounts, checked before the sale reached the store. */
  authorizations: Authorization[];
  /**
   * Set when the caller holds discount.apply or brought a valid approval; a discount above the
   * store's limit without it is refused here, where the gross subtotal is known.
   */
  discountAllowed: boolean;
  input: SaleInput;
  /** The moment of the sale (server time for online sales). */
  at: string;
  /** Set for a sale made offline and uploaded later (see src/services/sync/upload.ts). */
  offline?: OfflineSaleContext;
}

/**
 * The shift a sale's money went into (src/services/shifts/). Online: the shift open on the till
 * that made it. Offline: the one the till named, once the upload checked it (upload.ts), or
 * `pendingShiftId` when it names a shift that has not reached the server yet.
 */
export interface SaleShift {
  shiftId: string | null;
  pendingShiftId: string | null;
}

/**
 * How an offline sale differs: it is priced as of `at` (price history), and what the till did
 * without the server's checks is recorded and flagged rather than refused, because the customer
 * has already paid and left.
 */
export interface OfflineSaleContext {
  /** What the till's clock said, kept even when `at` had to be corrected. */
  clientCreatedAt: string;
  /** Who allowed a price other than the valid one, if the cashier or approver could. */
  priceAuthority?: Authorization;
  /** Who allowed a discount above the store's limit, if the cashier or approver could. */
  discountAuthority?: Authorization;
  /** Flags raised before pricing (clock skew, inactive cashier). */
  flags: string[];
}

export interface CreateSaleOutcome {
  status: 'created' | 'duplicate';
  sale: SaleView;
  lowStock: LowStockCrossing[];
}

/** The body's fingerprint: same id and same body is a retry, same id and another body a conflict. */
export function saleRequestHash(input: SaleInput): Promise<string> {
  return requestHash(input);
}

/**
 * Records an online sale in the store's Durable Object (one sale of a store at a time): its store
 * and menu in two reads, then one transaction with the number, the sale, its items, payments,
 * stock movements and the audit row (write-sales.ts), in a fixed number of statements whatever
 * the number of items. The answer is built from the rows the writes returned, not read again.
 */
export async function createSale(db: Db, command: CreateSaleCommand): Promise<CreateSaleOutcome> {
  const { companyId, input } = command;
  const requestHash = await saleRequestHash(input);
  const store = await loadSaleStore(db, companyId, input.storeId, {
    cashierId: command.cashierId,
    saleId: input.id,
    deviceSessionId: command.deviceSessionId,
  });
  if (input.id && store?.existingSale) {
    assertSameSale(store.existingSale, requestHash);
    const sale = await loadSale(db, companyId, input.id);
    if (!sale) throw new Error('an existing sale could not be read');
    return { status: 'duplicate', sale, lowStock: [] };
  }
  const variantIds = [...new Set(input.items.map((item) => item.variantId))];
  const menu = store ? await loadMenu(db, companyId, store.id, variantIds) : new Map();
  const shift = { shiftId: store?.openShiftId ?? null, pendingShiftId: null };
  const prepared = prepareSale(command, requestHash, { store, menu, shift });
  // A till's id that is already another company's sale meets the primary key: the same answer
  // as any reused id, saying nothing about where it is used.
  const [written] = await conflictsOnUnique(
    () => db.transaction((tx) => writeSales(tx, [prepared])),
    { transactions_pkey: () => new ApiError('CONFLICT', { detail: { key: 'sales.idReused' } }) },
  );
  if (!written || !store) throw new Error('a sale was written without an answer');
  const sale = saleViewOf({
    transaction: written.transaction,
    storeCode: store.code,
    cashierName: store.cashierName ?? '',
    items: written.items,
    payments: written.payments,
    refunds: [],
  });
  return { status: 'created', sale, lowStock: written.lowStock };
}

/** A sale with this id exists: the same body is a retry, another body a reused id. */
export function assertSameSale(existing: ExistingSale, requestHash: string): void {
  if (existing.requestHash !== requestHash) {
    throw new ApiError('CONFLICT', { detail: { key: 'sales.idReused' } });
  }
}
