import { and, desc, eq, exists, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import { type Principal, readableStores } from '../../auth/policy';
import type { Db } from '../../db/client';
import {
  type PaymentMethod,
  payments,
  type TransactionStatus,
  transactions,
  users,
} from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { beyondCursor, cursorTimestamp, decodeCursor, pageOf } from '../../lib/cursor';

export interface SaleListQuery {
  limit: number;
  cursor?: string;
  storeId?: string;
  /** Business dates, inclusive (YYYY-MM-DD). */
  from?: string;
  to?: string;
  status?: TransactionStatus;
  kind?: 'sale' | 'refund';
  cashierId?: string;
  method?: PaymentMethod;
  number?: string;
}

/**
 * Sales and refunds of the company in the stores the reader works in (policy.ts), newest first,
 * keyset-paginated; without items (see GET /:id) but with the cashier's name and the payment
 * methods, read in the same statement. Asking for another store finds nothing.
 */
export async function listSales(
  db: Db,
  reader: Principal & { companyId: string },
  query: SaleListQuery,
) {
  const stores = readableStores(reader);
  const before = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { requestHash: _hash, ...columns } = getTableColumns(transactions);
  const rows = await db
    .select({
      ...columns,
      // Subqueries built like the filter below, so drizzle names each column with its table.
      cashierName: sql<string>`(${db
        .select({ name: users.name })
        .from(users)
        .where(
          and(eq(users.companyId, transactions.companyId), eq(users.id, transactions.cashierId)),
        )})`,
      methods: sql<PaymentMethod[]>`array(${db
        .selectDistinct({ method: sql`${payments.method}::text` })
        .from(payments)
        .where(
          and(
            eq(payments.companyId, transactions.companyId),
            eq(payments.transactionId, transactions.id),
          ),
        )})`,
      cursorAt: cursorTimestamp(transactions.createdAt),
    })
    .from(transactions)
    .where(
      inCompany(
        transactions,
        reader.companyId,
        stores === 'all' ? undefined : inArray(transactions.storeId, stores),
        query.storeId ? eq(transactions.storeId, query.storeId) : undefined,
        query.from ? gte(transactions.businessDate, query.from) : undefined,
        query.to ? lte(transactions.businessDate, query.to) : undefined,
        query.status ? eq(transactions.status, query.status) : undefined,
        query.kind ? eq(transactions.kind, query.kind) : undefined,
        query.cashierId ? eq(transactions.cashierId, query.cashierId) : undefined,
        query.number ? eq(transactions.number, query.number) : undefined,
        query.method
          ? exists(
              db
                .select({ id: payments.id })
                .from(payments)
                .where(
                  and(
                    eq(payments.companyId, transactions.companyId),
                    eq(payments.transactionId, transactions.id),
                    eq(payments.method, query.method),
                  ),
                ),
            )
          : undefined,
        before
          ? beyondCursor({ at: transactions.createdAt, id: transactions.id }, before, 'desc')
          : undefined,
      ),
    )
    .orderBy(desc(transactions.createdAt), desc(transactions.id))
    .limit(query.limit + 1);
  return pageOf(rows, query.limit);
}
