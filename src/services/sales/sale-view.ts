import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { payments, stores, transactionItems, transactions, users } from '../../db/schema';
import { inCompany } from '../../db/tenancy';

/** A sale as the API returns it: the transaction with its items and payments. */
export async function loadSale(db: Executor, companyId: string, transactionId: string) {
  const [row] = await db
    .select({ transaction: transactions, storeCode: stores.code, cashierName: users.name })
    .from(transactions)
    .innerJoin(
      stores,
      and(eq(stores.companyId, transactions.companyId), eq(stores.id, transactions.storeId)),
    )
    .innerJoin(
      users,
      and(eq(users.companyId, transactions.companyId), eq(users.id, transactions.cashierId)),
    )
    .where(inCompany(transactions, companyId, eq(transactions.id, transactionId)));
  if (!row) return undefined;
  const [items, tenders] = await Promise.all([
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
  };
}

export type SaleView = NonNullable<Awaited<ReturnType<typeof loadSale>>>;
