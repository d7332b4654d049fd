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
  counts: { accepted: number; duplicate: number; rejected: number };
  /** Sales accepted in this attempt with a flag a manager should review. */
  flagged: number;
  lowStock: LowStockCrossing[];
}
