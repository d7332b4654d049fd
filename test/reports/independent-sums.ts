import { eq } from 'drizzle-orm';
import { payments, transactionItems, transactions } from '../../src/db/schema';
import { withDatabase } from '../support/factories';

/**
 * Every report summed again, independently of the rollups: straight from a company's
 * transactions, lines and payments, in JavaScript, by the rule the README states (a sale on its
 * business date and at its moment; a refund on its own; a void on the void's date and moment,
 * against the sale's cashier).
 */

type Row = typeof transactions.$inferSelect;

export interface Ledger {
  transactions: Row[];
  items: Array<typeof transactionItems.$inferSelect>;
  payments: Array<typeof payments.$inferSelect>;
  zones: Map<string, string>;
}

export async function ledgerOf(companyId: string, zones: Map<string, string>): Promise<Ledger> {
  return withDatabase(async ({ db }) => ({
    transactions: await db.select().from(transactions).where(eq(transactions.companyId, companyId)),
    items: await db
      .select()
      .from(transactionItems)
      .where(eq(transactionItems.companyId, companyId)),
    payments: await db.select().from(payments).where(eq(payments.companyId, companyId)),
    zones,
  }));
}

export interface Scope {
  storeIds: string[];
  from: string;
  to: string;
}

const within = (scope: Scope, storeId: string, date: string | null) =>
  date !== null && scope.storeIds.includes(storeId) && date >= scope.from && date <= scope.to;

/** The undoings in scope: sales, refunds and voids, each with the date and moment it counts at. */
function eventsOf(ledger: Ledger, scope: Scope) {
  const all = ledger.transactions;
  return {
    sales: all.filter((t) => t.kind === 'sale' && within(scope, t.storeId, t.businessDate)),
    refunds: all.filter((t) => t.kind === 'refund' && within(scope, t.storeId, t.businessDate)),
    voids: all.filter((t) => t.status === 'voided' && within(scope, t.storeId, t.voidBusinessDate)),
  };
}

const sum = <T>(list: readonly T[], pick: (row: T) => number) =>
  list.reduce((total, row) => total + pick(row), 0);

function add<Key>(
  map: Map<Key, Record<string, number>>,
  key: Key,
  figures: Record<string, number>,
) {
  const row = map.get(key) ?? {};
  for (const [name, value] of Object.entries(figures)) row[name] = (row[name] ?? 0) + value;
  map.set(key, row);
}

export function expectedSummary(ledger: Ledger, scope: Scope) {
  const { sales, refunds, voids } = eventsOf(ledger, scope);
  const salesTotal = sum(sales, (t) => t.total);
  return {
    salesCount: sales.length,
    gross: sum(sales, (t) => t.subtotal),
    discounts: sum(sales, (t) => t.discountTotal),
    serviceCharge: sum(sales, (t) => t.serviceCharge),
    tax: sum(sales, (t) => t.taxTotal),
    rounding: sum(sales, (t) => t.rounding),
    salesTotal,
    changeGiven: sum(sales, (t) => t.changeAmount),
    refundsCount: refunds.length,
    refundsAmount: sum(refunds, (t) => t.total),
    voidsCount: voids.length,
    voidsAmount: sum(voids, (t) => t.total),
    net: salesTotal - sum(refunds, (t) => t.total) - sum(voids, (t) => t.total),
  };
}

export function expectedItems(ledger: Ledger, scope: Scope) {
  const { sales, refunds, voids } = eventsOf(ledger, scope);
  const linesOf = (list: Row[]) => {
    const ids = new Set(list.map((t) => t.id));
    return ledger.items.filter((item) => ids.has(item.transactionId));
  };
  const byVariant = new Map<string, Record<string, number>>();
  for (const item of linesOf(sales)) {
    const gross = item.quantity * (item.unitPrice + item.modifierUnitTotal);
    add(byVariant, item.variantId, {
      quantity: item.quantity,
      gross,
      discounts: item.lineDiscount + item.orderDiscountShare,
      net: item.lineTotal - item.orderDiscountShare,
      cost: item.unitCost === null ? 0 : item.quantity * item.unitCost,
      uncostedQuantity: item.unitCost === null ? item.quantity : 0,
    });
  }
  for (const item of linesOf(refunds)) {
    add(byVariant, item.variantId, {
      refundedQuantity: item.quantity,
      refundsAmount: item.lineTotal,
    });
  }
  for (const item of linesOf(voids)) {
    add(byVariant, item.variantId, {
      voidedQuantity: item.quantity,
      voidsAmount: item.lineTotal - item.orderDiscountShare,
    });
  }
  return byVariant;
}

export function expectedPayments(ledger: Ledger, scope: Scope) {
  const { sales, refunds, voids } = eventsOf(ledger, scope);
  const byMethod = new Map<string, Record<string, number>>();
  const tendersOf = (list: Row[]) => {
    const ids = new Set(list.map((t) => t.id));
    return ledger.payments.filter((payment) => ids.has(payment.transactionId));
  };
  for (const p of tendersOf(sales)) {
    add(byMethod, p.method, { paymentsCount: 1, amount: p.amount, net: p.amount });
  }
  for (const p of tendersOf(refunds)) {
    add(byMethod, p.method, { refundsCount: 1, refundsAmount: p.amount, net: -p.amount });
  }
  for (const p of tendersOf(voids)) {
    add(byMethod, p.method, { voidsCount: 1, voidsAmount: p.amount, net: -p.amount });
  }
  return byMethod;
}

function localHour(at: Date, zone: string) {
  const hour = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    hourCycle: 'h23',
    timeZone: zone,
  }).format(at);
  return hour.padStart(2, '0');
}

/** By cashier (`cashier`) or by local hour (`hour`). */
export function expectedBreakdown(ledger: Ledger, scope: Scope, by: 'cashier' | 'hour') {
  const { sales, refunds, voids } = eventsOf(ledger, scope);
  const rows = new Map<string, Record<string, number>>();
  const keyOf = (t: Row, at: Date) =>
    by === 'cashier' ? t.cashierId : localHour(at, ledger.zones.get(t.storeId) ?? 'Asia/Jakarta');
  for (const t of sales) {
    add(rows, keyOf(t, t.createdAt), {
      salesCount: 1,
      gross: t.subtotal,
      discounts: t.discountTotal,
      salesTotal: t.total,
      net: t.total,
    });
  }
  for (const t of refunds) {
    add(rows, keyOf(t, t.createdAt), { refundsCount: 1, refundsAmount: t.total, net: -t.total });
  }
  for (const t of voids) {
    add(rows, keyOf(t, t.voidedAt ?? t.updatedAt), {
      voidsCount: 1,
      voidsAmount: t.total,
      net: -t.total,
    });
  }
  return rows;
}

export function expectedTaxes(ledger: Ledger, scope: Scope) {
  const { sales, voids } = eventsOf(ledger, scope);
  const rows = new Map<string, Record<string, number>>();
  const keyOf = (t: Row) => `${t.taxRegime}|${t.taxRegime === 'none' ? 0 : t.taxRateBasisPoints}`;
  for (const t of sales) {
    add(rows, keyOf(t), {
      salesCount: 1,
      taxBase: t.taxBase,
      serviceCharge: t.serviceCharge,
      tax: t.taxTotal,
      salesTotal: t.total,
    });
  }
  for (const t of voids) {
    add(rows, keyOf(t), {
      voidsCount: 1,
      voidsTaxBase: t.taxBase,
      voidsServiceCharge: t.serviceCharge,
      voidsTax: t.taxTotal,
      voidsTotal: t.total,
    });
  }
  return rows;
}

/** The ids the voids-refunds list must hold: refunds, and voided sales. */
export function expectedUndone(ledger: Ledger, scope: Scope) {
  const { refunds, voids } = eventsOf(ledger, scope);
  return [...refunds, ...voids].map((t) => t.id).sort();
}
