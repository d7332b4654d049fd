import type { Db, Executor, Tx } from '../../db/client';
import { violatedUniqueConstraint } from '../../db/unique-violation';
import { ApiError } from '../../lib/errors';
import type { Logger } from '../../lib/logger';
import { loadModifierPriceBook } from '../catalog/modifier-prices';
import { loadPriceBook } from '../catalog/prices';
import { saleRequestHash } from '../sales/create-sale';
import { type PreparedSale, prepareSale } from '../sales/prepare-sale';
import { findExistingSales, loadMenu, loadSaleStore } from '../sales/sale-lookups';
import { type WrittenSale, writeSales } from '../sales/write-sales';
import { reviewShiftDifferences } from '../shifts/close-shift';
import { saleShiftResolver } from '../shifts/sale-shifts';
import { closeBatch, openBatch } from './batch-log';
import { applyOfflineBills, settleOfflineBills } from './offline-bills';
import { authority, loadStaff, maySellHere, reviewFlags, saleTime } from './offline-policy';
import { processShiftEvents } from './shift-events';
import type {
  OfflineSale,
  SaleBatchCommand,
  SaleBatchOutcome,
  SaleRejection,
  SaleResult,
  ShiftEventResult,
} from './upload-types';

/**
 * Offline sales uploaded in a batch. Runs inside the store's Durable Object, so one store's
 * batches (and its online sales) are recorded one after another and numbers stay sequential.
 *
 * Batch-shaped: what the sales read (earlier copies, staff, the store, its menu, the price
 * history of the batch's time span) is read once; every sale is checked and priced in memory;
 * then all accepted sales are written in one transaction with one multi-row statement per table
 * (write-sales.ts), together with the batch's record. A fixed number of statements, whatever the
 * batch's size.
 *
 * Each sale is still all-or-nothing and the batch is not: a sale that cannot be accepted is
 * answered `rejected` and the others go on. When the set write fails (a constraint only the
 * database sees, stock running out in a store that allows no negative stock), it is rolled back
 * and written again one sale per savepoint, so one bad sale never rejects the others and never
 * burns a number. Sales are identified by the id the till gave them, so a retried batch, or a
 * sale sent again in another batch, is answered `duplicate` with the number it got the first time.
 */

/** Where each entry of the batch stands once it has been read and checked. */
type Plan =
  | { kind: 'answered'; result: SaleResult }
  | { kind: 'write'; index: number; sale: PreparedSale }
  /** The same sale earlier in this batch: answered as that one is. */
  | { kind: 'copy'; index: number; id: string; of: number };

const rejected = (
  index: number,
  id: string | null,
  rejection: SaleRejection,
): { kind: 'answered'; result: SaleResult } => ({
  kind: 'answered',
  result: { index, id, status: 'rejected', rejection },
});

export async function processSaleBatch(
  db: Db,
  command: SaleBatchCommand,
  logger: Logger,
): Promise<SaleBatchOutcome> {
  const startedAt = Date.now();
  await openBatch(db, command);
  const shiftResults = await processShiftEvents(db, command, logger);
  const billPlans = await applyOfflineBills(db, command, logger);
  const plans = await planBatch(db, command, logger);
  const toWrite = plans.flatMap((plan) => (plan.kind === 'write' ? [plan] : []));
  // In the transaction of the sales: the bills they settled, then the batch's record.
  const finish = async (tx: Executor, outcome: SaleBatchOutcome) => {
    outcome.billResults = await settleOfflineBills(tx, command, billPlans, outcome);
    await closeBatch(tx, command, outcome, startedAt);
    return outcome;
  };

  if (toWrite.length === 0) {
    const answered = outcomeOf(plans, new Map(), shiftResults);
    // A resent batch costs no transaction unless it settles a bill.
    const outcome = billPlans.some((plan) => plan.bill?.saleId)
      ? await db.transaction((tx) => finish(tx, answered))
      : await finish(db, answered);
    return logged(outcome, command, logger);
  }
  const sales = toWrite.map((plan) => plan.sale);
  // Closed shifts these sales land in: a close that overtook them is judged now (close-shift.ts).
  const closedShiftIds = [
    ...new Set(sales.flatMap((sale) => (sale.shift.shiftId ? [sale.shift.shiftId] : []))),
  ];
  let outcome: SaleBatchOutcome;
  try {
    outcome = await db.transaction(async (tx) => {
      const written = await writeSales(tx, sales);
      const result = outcomeOf(
        plans,
        new Map(written.map((sale) => [sale.id, sale])),
        shiftResults,
      );
      await reviewShiftDifferences(tx, command.companyId, closedShiftIds);
      return finish(tx, result);
    });
  } catch (error) {
    logger.warn('sync batch written one sale at a time after the set write failed', {
      batchId: command.batchId,
      sales: sales.length,
      error,
    });
    outcome = await db.transaction(async (tx) => {
      const written = await writeEachAlone(tx, sales, command, logger);
      const result = outcomeOf(plans, written, shiftResults);
      await reviewShiftDifferences(tx, command.companyId, closedShiftIds);
      return finish(tx, result);
    });
  }
  return logged(outcome, command, logger);
}

/** Reads what the batch's new sales need (nothing when there are none) and checks each entry. */
async function planBatch(db: Db, command: SaleBatchCommand, logger: Logger): Promise<Plan[]> {
  const offered = command.entries.flatMap((entry) => ('sale' in entry ? [entry.sale] : []));
  const existing = await findExistingSales(db, command.companyId, [
    ...new Set(offered.map((sale) => sale.id)),
  ]);
  const hashes = new Map(
    await Promise.all(
      offered.map(async (sale) => [sale, await saleRequestHash(inputOf(sale))] as const),
    ),
  );

  const firstCopy = new Map<string, { index: number; hash: string }>();
  const fresh: Array<{ index: number; sale: OfflineSale }> = [];
  const plans: Array<Plan | { kind: 'fresh'; index: number; sale: OfflineSale }> =
    command.entries.map((entry) => {
      if (!('sale' in entry)) return rejected(entry.index, entry.id, entry.invalid);
      const { index, sale } = entry;
      const hash = hashes.get(sale) ?? '';
      const known = existing.get(sale.id);
      const earlier = firstCopy.get(sale.id);
      if (known || earlier) {
        if ((known?.requestHash ?? earlier?.hash) !== hash) {
          return rejected(index, sale.id, {
            code: 'CONFLICT',
            detail: { key: 'sales.idReused' },
            retryable: false,
          });
        }
        if (known) {
          return {
            kind: 'answered',
            result: {
              index,
              id: sale.id,
              status: 'duplicate',
              number: known.number,
              total: known.total,
              flags: known.flags,
            },
          };
        }
        return { kind: 'copy', index, id: sale.id, of: earlier?.index ?? index };
      }
      firstCopy.set(sale.id, { index, hash });
      fresh.push({ index, sale });
      return { kind: 'fresh', index, sale };
    });
  if (fresh.length === 0) return plans as Plan[];

  const freshSales = fresh.map(({ sale }) => sale);
  const staff = await loadStaff(
    db,
    command,
    freshSales.flatMap((sale) => [sale.cashierId, sale.approvedBy]),
  );
  const shiftOf = await saleShiftResolver(
    db,
    command,
    freshSales.flatMap((sale) => (sale.shiftId ? [sale.shiftId] : [])),
  );
  const store = await loadSaleStore(db, command.companyId, command.storeId);
  const variantIds = [...new Set(freshSales.flatMap((sale) => sale.items.map((i) => i.variantId)))];
  const menu = store ? await loadMenu(db, command.companyId, store.id, variantIds) : new Map();
  const moments = fresh.map(({ sale }) => saleTime(sale.clientCreatedAt, command.receivedAt));
  const times = moments.flatMap((time) => ('at' in time ? [Date.parse(time.at)] : []));
  const book =
    times.length > 0
      ? await loadPriceBook(db, command.companyId, command.storeId, variantIds, {
          from: new Date(Math.min(...times)),
          to: new Date(Math.max(...times)),
        })
      : undefined;

  const optionIds = [
    ...new Set(
      freshSales.flatMap((sale) =>
        sale.items.flatMap((item) => (item.modifiers ?? []).map((option) => option.optionId)),
      ),
    ),
  ];
  const deltas =
    optionIds.length > 0 && times.length > 0
      ? await loadModifierPriceBook(
          db,
          command.companyId,
          command.storeId,
          optionIds,
          new Date(Math.max(...times)),
        )
      : undefined;

  let next = 0;
  return plans.map((plan) => {
    if (plan.kind !== 'fresh') return plan;
    const time = moments[next++];
    const { index, sale } = plan;
    if (!time) throw new Error('a fresh sale lost its time');
    if (sale.storeId !== command.storeId) {
      return rejected(index, sale.id, {
        code: 'UNPROCESSABLE',
        detail: { key: 'sync.saleStoreMismatch', params: { storeId: sale.storeId } },
        retryable: false,
      });
    }
    if ('rejection' in time) return rejected(index, sale.id, time.rejection);
    const cashier = staff.get(sale.cashierId);
    if (!cashier || !maySellHere(cashier, command.storeId)) {
      return rejected(index, sale.id, {
        code: 'FORBIDDEN',
        detail: { key: 'sync.cashierNotStaff', params: { cashierId: sale.cashierId } },
        retryable: false,
      });
    }
    const approver = sale.approvedBy ? staff.get(sale.approvedBy) : undefined;
    const shift = shiftOf(sale.shiftId);
    try {
      const prepared = prepareSale(
        {
          companyId: command.companyId,
          cashierId: sale.cashierId,
          deviceSessionId: command.deviceSessionId,
          requestId: command.requestId,
          ipAddress: command.ipAddress,
          authorizations: [],
          discountAllowed: false,
          input: inputOf(sale),
          at: time.at,
          offline: {
            clientCreatedAt: sale.clientCreatedAt,
            priceAuthority: authority(cashier, approver, 'price.override', command.storeId),
            discountAuthority: authority(cashier, approver, 'discount.apply', command.storeId),
            flags: [
              ...time.flags,
              ...(cashier.isActive ? [] : ['cashier_inactive']),
              ...shift.flags,
            ],
          },
        },
        hashes.get(sale) ?? '',
        {
          store,
          menu,
          priceThen: (variantId, at) => book?.priceAt(variantId, at) ?? null,
          modifierDeltaThen: (optionId, at) => deltas?.deltaAt(optionId, at) ?? null,
          shift: shift.shift,
        },
      );
      return { kind: 'write', index, sale: prepared };
    } catch (error) {
      return rejected(index, sale.id, saleRejection(error, sale.id, command, logger));
    }
  });
}

/**
 * The sale's own fields: what its fingerprint covers and what the price engine reads. The shift
 * it names is part of the fingerprint (the same id naming another shift is another sale).
 */
function inputOf(sale: OfflineSale) {
  const { clientCreatedAt: _at, cashierId: _cashier, approvedBy: _approver, ...input } = sale;
  return input;
}

/**
 * The fallback: one savepoint per sale, in order. A sale refused at write time rolls back to its
 * savepoint (its counter increment with it) and is answered rejected; the others land.
 */
async function writeEachAlone(
  tx: Tx,
  sales: PreparedSale[],
  command: SaleBatchCommand,
  logger: Logger,
): Promise<Map<string, WrittenSale | SaleRejection>> {
  const outcomes = new Map<string, WrittenSale | SaleRejection>();
  for (const sale of sales) {
    try {
      const [written] = await tx.transaction((savepoint) => writeSales(savepoint, [sale]));
      if (written) outcomes.set(sale.id, written);
    } catch (error) {
      outcomes.set(sale.id, saleRejection(error, sale.id, command, logger));
    }
  }
  return outcomes;
}

/** Why a sale could not be prepared or written: its refusal, a reused id, or a fault of ours. */
function saleRejection(
  error: unknown,
  saleId: string,
  command: SaleBatchCommand,
  logger: Logger,
): SaleRejection {
  if (error instanceof ApiError && error.detail) {
    return { code: error.code, detail: error.detail, retryable: false };
  }
  // The id is already another company's sale: the same answer as any reused id, revealing
  // nothing about where it is used.
  if (violatedUniqueConstraint(error) === 'transactions_pkey') {
    return { code: 'CONFLICT', detail: { key: 'sales.idReused' }, retryable: false };
  }
  // A fault of ours (the database went away, a bug): this sale is answered retryable and the
  // batch goes on; the log line carries the cause for whoever is on call.
  logger.error('offline sale failed', { saleId, batchId: command.batchId, error });
  return { code: 'INTERNAL_ERROR', detail: { key: 'sync.saleFailed' }, retryable: true };
}

/** One result per entry, in the batch's order, from the plan and what the write made of it. */
function outcomeOf(
  plans: Plan[],
  written: ReadonlyMap<string, WrittenSale | SaleRejection>,
  shiftResults: ShiftEventResult[],
): SaleBatchOutcome {
  const outcome: SaleBatchOutcome = {
    results: [],
    shiftResults,
    billResults: [],
    counts: { accepted: 0, duplicate: 0, rejected: 0 },
    flagged: 0,
    lowStock: [],
    businessDates: [],
  };
  const byIndex = new Map<number, SaleResult>();
  for (const plan of plans) {
    const result = resultOf(plan, written, byIndex);
    byIndex.set(result.index, result);
    outcome.results.push(result);
    outcome.counts[result.status] += 1;
    if (result.status === 'accepted' && result.flags.some((flag) => reviewFlags.has(flag))) {
      outcome.flagged += 1;
    }
    const sale = plan.kind === 'write' ? written.get(plan.sale.id) : undefined;
    if (sale && 'number' in sale) {
      outcome.lowStock.push(...sale.lowStock);
      if (!outcome.businessDates.includes(sale.transaction.businessDate)) {
        outcome.businessDates.push(sale.transaction.businessDate);
      }
    }
  }
  return outcome;
}

function resultOf(
  plan: Plan,
  written: ReadonlyMap<string, WrittenSale | SaleRejection>,
  earlier: ReadonlyMap<number, SaleResult>,
): SaleResult {
  if (plan.kind === 'answered') return plan.result;
  if (plan.kind === 'copy') {
    const first = earlier.get(plan.of);
    if (first?.status === 'rejected') return { ...first, index: plan.index };
    if (!first) throw new Error('a copy came before its sale');
    return { ...first, index: plan.index, status: 'duplicate' };
  }
  const { index, sale } = plan;
  const outcome = written.get(sale.id);
  if (!outcome) throw new Error('a sale to write has no outcome');
  if (!('number' in outcome)) return { index, id: sale.id, status: 'rejected', rejection: outcome };
  return {
    index,
    id: sale.id,
    status: 'accepted',
    number: outcome.number,
    total: sale.amounts.total,
    flags: outcome.flags,
  };
}

function logged(outcome: SaleBatchOutcome, command: SaleBatchCommand, logger: Logger) {
  const rejectedShiftEvents = outcome.shiftResults.filter((result) => result.status === 'rejected');
  if (rejectedShiftEvents.length > 0) {
    logger.warn('sync batch had rejected shift events', {
      batchId: command.batchId,
      deviceSessionId: command.deviceSessionId,
      rejected: rejectedShiftEvents.map((result) => ({
        index: result.index,
        type: result.type,
        reason: result.status === 'rejected' ? result.rejection.detail.key : null,
      })),
    });
  }
  if (outcome.counts.rejected > 0) {
    logger.warn('sync batch had rejected sales', {
      batchId: command.batchId,
      deviceSessionId: command.deviceSessionId,
      ...outcome.counts,
    });
  }
  return outcome;
}
