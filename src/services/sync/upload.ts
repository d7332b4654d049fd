import type { Db } from '../../db/client';
import { ApiError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { recordSale } from '../sales/create-sale';
import { preloadedLookups, type SaleLookups } from '../sales/sale-lookups';
import type { LowStockCrossing } from '../stock';
import { closeBatch, openBatch } from './batch-log';
import {
  authority,
  loadStaff,
  maySellHere,
  reviewFlags,
  type StaffMember,
  saleTime,
} from './offline-policy';
import type {
  OfflineSale,
  SaleBatchCommand,
  SaleBatchOutcome,
  SaleRejection,
  SaleResult,
} from './upload-types';

/**
 * Offline sales uploaded in a batch. Runs inside the store's Durable Object, so one store's
 * batches (and its online sales) are recorded one after another and numbers stay sequential.
 *
 * Each sale is all-or-nothing (its own database transaction, in recordSale); the batch is not:
 * a sale that cannot be accepted is answered `rejected` and the next one goes on. Sales are
 * identified by the id the till gave them, so a retried batch, or a sale sent again in another
 * batch, is answered `duplicate` with the number it got the first time.
 */

interface SaleAttempt {
  result: SaleResult;
  lowStock: LowStockCrossing[];
}

async function syncSale(
  db: Db,
  command: SaleBatchCommand,
  lookups: SaleLookups,
  staff: Map<string, StaffMember>,
  { index, sale }: { index: number; sale: OfflineSale },
  logger: Logger,
): Promise<SaleAttempt> {
  const reject = (rejection: SaleRejection): SaleAttempt => ({
    result: { index, id: sale.id, status: 'rejected', rejection },
    lowStock: [],
  });
  if (sale.storeId !== command.storeId) {
    return reject({
      code: 'UNPROCESSABLE',
      detail: { key: 'sync.saleStoreMismatch', params: { storeId: sale.storeId } },
      retryable: false,
    });
  }
  const time = saleTime(sale.clientCreatedAt, command.receivedAt);
  if ('rejection' in time) return reject(time.rejection);
  const cashier = staff.get(sale.cashierId);
  if (!cashier || !maySellHere(cashier, command.storeId)) {
    return reject({
      code: 'FORBIDDEN',
      detail: { key: 'sync.cashierNotStaff', params: { cashierId: sale.cashierId } },
      retryable: false,
    });
  }
  const approver = sale.approvedBy ? staff.get(sale.approvedBy) : undefined;
  const { clientCreatedAt, cashierId, approvedBy: _approvedBy, ...input } = sale;
  try {
    const recorded = await recordSale(
      db,
      {
        companyId: command.companyId,
        cashierId,
        deviceSessionId: command.deviceSessionId,
        requestId: command.requestId,
        ipAddress: command.ipAddress,
        authorizations: [],
        discountAllowed: false,
        input,
        at: time.at,
        offline: {
          clientCreatedAt,
          priceAuthority: authority(cashier, approver, 'price.override', command.storeId),
          discountAuthority: authority(cashier, approver, 'discount.apply', command.storeId),
          flags: [...time.flags, ...(cashier.isActive ? [] : ['cashier_inactive'])],
        },
      },
      lookups,
    );
    return {
      result: {
        index,
        id: recorded.id,
        status: recorded.status === 'created' ? 'accepted' : 'duplicate',
        number: recorded.number,
        total: recorded.total,
        flags: recorded.flags,
      },
      lowStock: recorded.lowStock,
    };
  } catch (error) {
    if (error instanceof ApiError && error.detail) {
      return reject({ code: error.code, detail: error.detail, retryable: false });
    }
    // A fault of ours (the database went away, a bug): this sale is answered retryable and the
    // batch goes on; the log line carries the cause for whoever is on call.
    logger.error('offline sale failed', { saleId: sale.id, batchId: command.batchId, error });
    return reject({ code: 'INTERNAL_ERROR', detail: { key: 'sync.saleFailed' }, retryable: true });
  }
}

/** Records every sale of the batch in order and answers one result per sale, in the same order. */
export async function processSaleBatch(
  db: Db,
  command: SaleBatchCommand,
  logger: Logger,
): Promise<SaleBatchOutcome> {
  const startedAt = Date.now();
  await openBatch(db, command);
  const staff = await loadStaff(db, command);
  const lookups = await preloadedLookups(
    db,
    command.companyId,
    command.storeId,
    command.entries.flatMap((entry) => ('sale' in entry ? [entry.sale] : [])),
  );
  const outcome: SaleBatchOutcome = {
    results: [],
    counts: { accepted: 0, duplicate: 0, rejected: 0 },
    flagged: 0,
    lowStock: [],
  };
  for (const entry of command.entries) {
    const { result, lowStock } =
      'sale' in entry
        ? await syncSale(db, command, lookups, staff, entry, logger)
        : {
            result: {
              index: entry.index,
              id: entry.id,
              status: 'rejected' as const,
              rejection: entry.invalid,
            },
            lowStock: [],
          };
    outcome.results.push(result);
    outcome.counts[result.status] += 1;
    if (result.status === 'accepted' && result.flags.some((flag) => reviewFlags.has(flag))) {
      outcome.flagged += 1;
    }
    outcome.lowStock.push(...lowStock);
  }
  await closeBatch(db, command, outcome, startedAt);
  if (outcome.counts.rejected > 0) {
    logger.warn('sync batch had rejected sales', {
      batchId: command.batchId,
      deviceSessionId: command.deviceSessionId,
      ...outcome.counts,
    });
  }
  return outcome;
}
