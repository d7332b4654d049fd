import type { CashMovementKind, DenominationCount } from '../../db/schema';
import type { ErrorCode, FieldError } from '../../lib/errors';
import type { Message } from '../../lib/messages';
import type { SaleInput } from '../sales/create-sale';
import type { LowStockCrossing } from '../stock';

/** The shapes of an offline upload, between the route, the store's object and the services. */

/** A sale as the till recorded it: the online sale's fields plus who sold it and when. */
export interface OfflineSale extends SaleInput {
  id: string;
  clientReference: string;
  /** The till's clock at the moment of the sale (ISO 8601 with offset). */
  clientCreatedAt: string;
  cashierId: string;
  /** A manager who approved a price or discount at the till (PIN checked there). */
  approvedBy?: string;
  /** The shift open on the till when the sale was made. */
  shiftId?: string;
}

export interface SaleRejection {
  code: ErrorCode;
  detail: Message;
  /** Field errors of a sale that is not well-formed, already in the request's language. */
  errors?: FieldError[];
  /** A server fault: the same sale may be sent again later. */
  retryable: boolean;
}

/** One entry of the batch: a well-formed sale, or the reason it is not. */
export type BatchEntry =
  | { index: number; sale: OfflineSale }
  | { index: number; id: string | null; invalid: SaleRejection };

/** A shift event as the till recorded it offline (src/services/sync/shift-events.ts). */
export type OfflineShiftEvent =
  | { type: 'open'; id: string; openingCash: number; openedAt: string; openedBy: string }
  | {
      type: 'cashMovement';
      id: string;
      shiftId: string;
      kind: CashMovementKind;
      amount: number;
      reason: string;
      occurredAt: string;
      createdBy: string;
      approvedBy?: string;
    }
  | {
      type: 'close';
      shiftId: string;
      countedCash: number;
      denominations?: DenominationCount[];
      note?: string;
      salesCount?: number;
      closedAt: string;
      closedBy: string;
      approvedBy?: string;
    };

export type ShiftEventType = OfflineShiftEvent['type'];

/** One shift event of the upload: well-formed, or the reason it is not. */
export type ShiftEventEntry =
  | { index: number; event: OfflineShiftEvent }
  | { index: number; type: ShiftEventType | null; id: string | null; invalid: SaleRejection };

/** `id` is the shift's (open, close) or the movement's. */
export type ShiftEventResult =
  | { index: number; type: ShiftEventType; id: string; status: 'accepted' | 'duplicate' }
  | {
      index: number;
      type: ShiftEventType | null;
      id: string | null;
      status: 'rejected';
      rejection: SaleRejection;
    };

/** An item of a bill as a device recorded it offline. */
export interface OfflineBillItem {
  id: string;
  variantId: string;
  quantity: number;
  modifiers?: Array<{ optionId: string }>;
  note?: string;
  addedBy: string;
  /** The round the till printed it in at its own kitchen printer, if it did. */
  round?: number | null;
  /** Taken off the bill at the till: who did, why, and a manager who approved it there. */
  removed?: { by: string; reason?: string; approvedBy?: string };
}

/**
 * A bill as a device recorded it offline (src/services/sync/offline-bills.ts): opened there or
 * known from the delta, with every item the device knows, and the sale of this upload (or an
 * earlier one) that settled it at the till.
 */
export interface OfflineBill {
  id: string;
  tableId?: string;
  name?: string;
  guests?: number;
  note?: string;
  openedAt: string;
  openedBy: string;
  items: OfflineBillItem[];
  saleId?: string;
}

export type BillEntry =
  | { index: number; bill: OfflineBill }
  | { index: number; id: string | null; invalid: SaleRejection };

/** What the server did differently from the device, so that no item is lost or charged twice. */
export type BillConflictKind =
  | 'table_taken'
  | 'removal_refused'
  | 'items_left_open'
  | 'items_paid_offline'
  | 'settled_elsewhere'
  | 'sale_not_recorded';

export interface BillConflict {
  kind: BillConflictKind;
  detail: Message;
  /** The bill that holds what was left open (items_left_open). */
  billId?: string;
  itemIds?: string[];
}

export interface AppliedBillResult {
  index: number;
  id: string;
  status: 'accepted' | 'duplicate';
  /** The bill's state once the upload was applied. */
  billStatus: 'open' | 'settled' | 'cancelled' | 'merged';
  conflicts: BillConflict[];
}

export type BillResult =
  | AppliedBillResult
  | { index: number; id: string | null; status: 'rejected'; rejection: SaleRejection };

export interface SaleBatchCommand {
  batchId: string;
  companyId: string;
  storeId: string;
  deviceSessionId: string;
  requestId: string | null;
  ipAddress: string | null;
  /** When the server received the upload (ISO). */
  receivedAt: string;
  entries: BatchEntry[];
  /** Shift events, applied in their order before the sales of the same upload. */
  shiftEvents: ShiftEventEntry[];
  /** Open bills, applied before the sales; those a sale settled are settled after them. */
  bills: BillEntry[];
}

export type SaleResult =
  | {
      index: number;
      id: string;
      status: 'accepted' | 'duplicate';
      number: string;
      total: number;
      flags: string[];
    }
  | { index: number; id: string | null; status: 'rejected'; rejection: SaleRejection };

export interface SaleBatchOutcome {
  results: SaleResult[];
  shiftResults: ShiftEventResult[];
  billResults: BillResult[];
  counts: { accepted: number; duplicate: number; rejected: number };
  /** Sales accepted in this attempt with a flag a manager should review. */
  flagged: number;
  lowStock: LowStockCrossing[];
  /** The business dates of the sales written in this attempt: their reports must follow. */
  businessDates: string[];
}
