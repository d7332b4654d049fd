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
  counts: { accepted: number; duplicate: number; rejected: number };
  /** Sales accepted in this attempt with a flag a manager should review. */
  flagged: number;
  lowStock: LowStockCrossing[];
}
