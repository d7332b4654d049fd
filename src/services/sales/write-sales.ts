import type { Tx } from '../../db/client';
import {
  type Payment,
  payments,
  type Transaction,
  type TransactionItem,
  transactionItems,
  transactions,
} from '../../db/schema';
import { writeTogether } from '../../db/write-together';
import { saleNumber } from '../../lib/business-date';
import { uuidv7 } from '../../lib/ids';
import { auditInsert } from '../audit';
import { markDaysInsert } from '../reports/rollups';
import { applyStockMovements, type LowStockCrossing, type StockMovementInput } from '../stock';
import { advanceSaleCounters } from './numbering';
import type { PreparedSale } from './prepare-sale';

/** A sale as written: its rows, straight from the INSERTs, so the answer needs no re-read. */
export interface WrittenSale {
  id: string;
  number: string;
  flags: string[];
  transaction: Transaction;
  items: TransactionItem[];
  payments: Payment[];
  lowStock: LowStockCrossing[];
}

/**
 * Writes prepared sales of one store, in the caller's transaction, in three statements whatever
 * their number (up to about 100 sales of 3 items; one more per such group beyond): the counters
 * of their business dates advanced in one upsert, the stock movements and levels (stock.ts: one),
 * then one statement (db/write-together.ts) of multi-row INSERTs of the transactions, their
 * items, their payments and their audit rows. Numbers follow the order of `sales`.
 *
 * The set stands or falls together: when any row is refused (a constraint, a store that allows
 * no negative stock running out), the caller's transaction fails. A caller that must keep the
 * others (a sync batch) writes again one sale per savepoint.
 */
export async function writeSales(tx: Tx, sales: readonly PreparedSale[]): Promise<WrittenSale[]> {
  const [first] = sales;
  if (!first) return [];
  const { companyId, store } = first;
  if (sales.some((sale) => sale.store.id !== store.id || sale.companyId !== companyId)) {
    throw new Error('writeSales takes the sales of one store');
  }

  const perDate = new Map<string, number>();
  for (const sale of sales)
    perDate.set(sale.businessDate, (perDate.get(sale.businessDate) ?? 0) + 1);
  const nextSequence = await advanceSaleCounters(tx, companyId, store.id, perDate);
  const numbers = sales.map((sale) => {
    const sequence = nextSequence.get(sale.businessDate) ?? 0;
    nextSequence.set(sale.businessDate, sequence + 1);
    return saleNumber(store.code, sale.businessDate, sequence);
  });

  const movements: StockMovementInput[] = [];
  const movementSale: number[] = [];
  sales.forEach((sale, index) => {
    for (const line of sale.lines) {
      // The line's own variant, then what its options take (an extra shot's beans), per unit.
      const taken = [
        ...(line.variant.tracksStock ? [line.variant.id] : []),
        ...line.modifiers.modifiers.flatMap((option) =>
          option.stockVariantId ? [option.stockVariantId] : [],
        ),
      ];
      for (const variantId of taken) {
        movements.push({
          storeId: store.id,
          variantId,
          kind: 'sale',
          quantityDelta: -line.item.quantity,
          referenceType: 'transaction',
          referenceId: sale.id,
          actorUserId: sale.cashierId,
        });
        movementSale.push(index);
      }
    }
  });
  const stock = await applyStockMovements(tx, companyId, movements, {
    allowNegativeStock: new Map([[store.id, store.allowNegativeStock]]),
  });
  // Offline tills sell what the shelf holds whatever the count says, so going below zero is
  // allowed by default; the sale that took a level below zero is flagged so a manager recounts.
  const wentNegative = new Set(
    movementSale.filter((_, movement) => (stock.levelAfterMovement[movement] ?? 0) < 0),
  );
  const flags = sales.map((sale, index) =>
    wentNegative.has(index) ? [...sale.flags, 'negative_stock'] : sale.flags,
  );
  const saleOfMovement = new Map(stock.movements.map((row) => [row.id, row.referenceId ?? '']));
  const lowStockBySale = groupBy(
    stock.lowStock,
    (crossing) => saleOfMovement.get(crossing.movementId) ?? '',
  );

  // v7 ids, so a sale's payments read back (created_at, id) in the order they were given.
  const base = Date.now();
  let paymentIndex = 0;
  const nextPaymentId = () => uuidv7(base + paymentIndex++);
  const entries = sales.map((sale, index) => ({
    sale,
    number: numbers[index] ?? '',
    flags: flags[index] ?? [],
  }));
  const rows: WrittenRows = { transactions: [], items: [], payments: [] };
  for (const group of parameterGroups(entries)) {
    const written = await insertSaleRows(tx, group, nextPaymentId);
    rows.transactions.push(...written.transactions);
    rows.items.push(...written.items);
    rows.payments.push(...written.payments);
  }

  const itemsOf = groupBy(rows.items, (row) => row.transactionId);
  const paymentsOf = groupBy(rows.payments, (row) => row.transactionId);
  const rowOf = new Map(rows.transactions.map((row) => [row.id, row]));
  return sales.map((sale, index) => {
    const transaction = rowOf.get(sale.id);
    if (!transaction) throw new Error('a written sale came back without its row');
    return {
      id: sale.id,
      number: numbers[index] ?? '',
      flags: flags[index] ?? [],
      transaction,
      items: (itemsOf.get(sale.id) ?? []).sort((a, b) => a.lineNumber - b.lineNumber),
      // v7 ids in the order given: sorted by id, they are in that order.
      payments: (paymentsOf.get(sale.id) ?? []).sort((a, b) => (a.id < b.id ? -1 : 1)),
      lowStock: lowStockBySale.get(sale.id) ?? [],
    };
  });
}

interface WrittenRows {
  transactions: Transaction[];
  items: TransactionItem[];
  payments: Payment[];
}

/**
 * Sales per statement of rows: each sale costs about 40 parameters and 15 more per item, so a
 * group stays far below Postgres's 65,535 and drizzle's stack. A batch of 100 three-item sales is
 * one group.
 */
const parametersPerStatement = 20_000;

function parameterGroups<Entry extends { sale: PreparedSale }>(entries: Entry[]): Entry[][] {
  const groups: Entry[][] = [];
  let current: Entry[] = [];
  let parameters = 0;
  for (const entry of entries) {
    const { sale } = entry;
    const cost = 40 + 15 * sale.lines.length + 6 * sale.amounts.payments.length;
    if (current.length > 0 && parameters + cost > parametersPerStatement) {
      groups.push(current);
      current = [];
      parameters = 0;
    }
    current.push(entry);
    parameters += cost;
  }
  if (current.length > 0) groups.push(current);
  return groups;
}

/** One statement: the sales of a group, their items, payments and audit rows. */
function insertSaleRows(
  tx: Tx,
  group: ReadonlyArray<{ sale: PreparedSale; number: string; flags: string[] }>,
  nextPaymentId: () => string,
): Promise<WrittenRows> {
  const [first] = group;
  if (!first) return Promise.resolve({ transactions: [], items: [], payments: [] });
  const { companyId, store } = first.sale;
  const transactionsInsert = tx
    .insert(transactions)
    .values(
      group.map(({ sale, number, flags }) => ({
        id: sale.id,
        companyId,
        storeId: store.id,
        number,
        businessDate: sale.businessDate,
        cashierId: sale.cashierId,
        deviceSessionId: sale.deviceSessionId,
        clientReference: sale.clientReference,
        clientCreatedAt: sale.clientCreatedAt ? new Date(sale.clientCreatedAt) : null,
        requestHash: sale.requestHash,
        // Each sale its own: the sales of one upload may straddle a settings change.
        taxRegime: sale.settings.taxRegime,
        taxRateBasisPoints: sale.settings.taxRateBasisPoints,
        serviceChargeBasisPoints: sale.settings.serviceChargeBasisPoints,
        pricesIncludeTax: sale.settings.pricesIncludeTax,
        storeSettingsId: sale.settings.entryId,
        shiftId: sale.shift.shiftId,
        pendingShiftId: sale.shift.pendingShiftId,
        ...sale.amounts.summary,
        note: sale.note,
        flags,
        approvals: sale.approvals.map((authorization) => ({ ...authorization })),
        createdAt: sale.at,
      })),
    )
    .returning();
  const itemsInsert = tx
    .insert(transactionItems)
    .values(
      group.flatMap(({ sale }) =>
        sale.lines.map((line, index) => ({
          companyId,
          transactionId: sale.id,
          lineNumber: index + 1,
          variantId: line.variant.id,
          productName: line.variant.productName,
          variantName: line.variant.name,
          sku: line.variant.sku,
          quantity: line.item.quantity,
          unitPrice: line.unitPrice,
          listUnitPrice: line.unitPrice === line.listPrice ? null : line.listPrice,
          lineDiscount: sale.amounts.lines[index]?.lineDiscount ?? 0,
          lineTotal: sale.amounts.lines[index]?.lineTotal ?? 0,
          orderDiscountShare: sale.amounts.lines[index]?.orderDiscountShare ?? 0,
          taxAmount: sale.amounts.lines[index]?.taxAmount ?? 0,
          isTaxable: line.variant.isTaxable,
          modifiers: line.modifiers.modifiers,
          modifierUnitTotal: line.modifiers.unitTotal,
          unitCost: line.variant.cost,
        })),
      ),
    )
    .returning();
  const paymentsInsert = tx
    .insert(payments)
    .values(
      group.flatMap(({ sale }) =>
        sale.amounts.payments.map((payment) => ({
          id: nextPaymentId(),
          companyId,
          transactionId: sale.id,
          ...payment,
        })),
      ),
    )
    .returning();
  const auditsInsert = auditInsert(
    tx,
    group.map(({ sale, number, flags }) => ({
      author: {
        companyId,
        userId: sale.cashierId,
        sessionId: sale.deviceSessionId,
        requestId: sale.requestId,
        ipAddress: sale.ipAddress,
      },
      entry: {
        action: sale.clientCreatedAt ? 'transaction.sync' : 'transaction.create',
        entityType: 'transaction',
        entityId: sale.id,
        after: {
          number,
          total: sale.amounts.summary.total,
          items: sale.lines.length,
          approvals: sale.approvals,
          ...(sale.clientCreatedAt && {
            clientCreatedAt: sale.clientCreatedAt,
            flags,
          }),
        },
      },
    })),
  );
  // Their days' reports are behind until recomputed (reports/rollups.ts), in the same statement.
  const marksInsert = markDaysInsert(
    tx,
    companyId,
    group.map(({ sale }) => ({ storeId: store.id, businessDate: sale.businessDate })),
  );
  return writeTogether(
    tx,
    {
      transactions: { table: transactions, query: transactionsInsert },
      items: { table: transactionItems, query: itemsInsert },
      payments: { table: payments, query: paymentsInsert },
    },
    [auditsInsert, marksInsert],
  );
}

function groupBy<Row>(rows: Row[], key: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}
