import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  type Payment,
  payments,
  stores,
  type Transaction,
  type TransactionItem,
  transactionItems,
  transactions,
  users,
} from '../../db/schema';
import { inCompany, sameCompanyRow } from '../../db/tenancy';

/** The store a sale of the company belongs to, if there is such a sale. */
export async function findSaleStore(
  db: Executor,
  companyId: string,
  transactionId: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ storeId: transactions.storeId })
    .from(transactions)
    .where(inCompany(transactions, companyId, eq(transactions.id, transactionId)));
  return row?.storeId;
}

/** A sale as the API returns it: the transaction with its items and payments. */
export async function loadSale(db: Executor, companyId: string, transactionId: string) {
  const [row] = await db
    .select({ transaction: transactions, storeCode: stores.code, cashierName: users.name })
    .from(transactions)
    .innerJoin(stores, sameCompanyRow(stores, transactions.companyId, transactions.storeId))
    .innerJoin(users, sameCompanyRow(users, transactions.companyId, transactions.cashierId))
    .where(inCompany(transactions, companyId, eq(transactions.id, transactionId)));
  if (!row) return undefined;
  const [items, tenders, refunds] = await Promise.all([
    db
      .select()
      .from(transactionItems)
      .where(
        inCompany(transactionItems, companyId, eq(transactionItems.transactionId, transactionId)),
      )
      .orderBy(asc(transactionItems.lineNumber)),
    db
      .select()
      .from(payments)
      .where(inCompany(payments, companyId, eq(payments.transactionId, transactionId)))
      .orderBy(asc(payments.createdAt), asc(payments.id)),
    db
      .select({
        id: transactions.id,
        number: transactions.number,
        total: transactions.total,
        note: transactions.note,
        createdAt: transactions.createdAt,
      })
      .from(transactions)
      .where(inCompany(transactions, companyId, eq(transactions.refundOfId, transactionId)))
      .orderBy(asc(transactions.createdAt), asc(transactions.id)),
  ]);
  return saleViewOf({ ...row, items, payments: tenders, refunds });
}

export interface SaleRows {
  transaction: Transaction;
  storeCode: string;
  cashierName: string;
  items: TransactionItem[];
  payments: Payment[];
  refunds: Array<Pick<Transaction, 'id' | 'number' | 'total' | 'note' | 'createdAt'>>;
}

/** The API's shape of a sale, from its rows (as read back, or as just written). */
export function saleViewOf(rows: SaleRows) {
  const { requestHash: _hash, ...transaction } = rows.transaction;
  return {
    ...transaction,
    storeCode: rows.storeCode,
    cashierName: rows.cashierName,
    // The cost at the time is for reports (gross profit), not for whoever reads a receipt.
    items: rows.items.map(
      ({ companyId: _company, transactionId: _transaction, unitCost: _cost, ...item }) => item,
    ),
    payments: rows.payments.map(
      ({ companyId: _company, transactionId: _transaction, ...payment }) => payment,
    ),
    /** The refunds of a sale (empty for a refund itself); a void shows in status and voidedAt. */
    refunds: rows.refunds,
  };
}

export type SaleView = ReturnType<typeof saleViewOf>;
