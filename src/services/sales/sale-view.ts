import { asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { payments, stores, transactionItems, transactions, users } from '../../db/schema';
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
  const { requestHash: _hash, ...transaction } = row.transaction;
  return {
    ...transaction,
    storeCode: row.storeCode,
    cashierName: row.cashierName,
    items: items.map(({ companyId: _company, transactionId: _transaction, ...item }) => item),
    payments: tenders.map(
      ({ companyId: _company, transactionId: _transaction, ...payment }) => payment,
    ),
    /** The refunds of a sale (empty for a refund itself); a void shows in status and voidedAt. */
    refunds,
  };
}

export type SaleView = NonNullable<Awaited<ReturnType<typeof loadSale>>>;
