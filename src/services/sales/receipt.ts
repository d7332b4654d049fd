import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { companies, stores } from '../../db/schema';
import { inCompany } from '../../db/tenancy';
import { formatNpwp } from '../../lib/npwp';
import type { ReceiptData } from '../receipts/receipt-data';
import type { SaleView } from './sale-view';

/** What the receipt of a sale shows, from the sale and its store and company as they are now. */
export async function receiptDataFor(db: Executor, sale: SaleView): Promise<ReceiptData> {
  const [row] = await db
    .select({ store: stores, company: companies })
    .from(stores)
    .innerJoin(companies, eq(companies.id, stores.companyId))
    .where(inCompany(stores, sale.companyId, eq(stores.id, sale.storeId)));
  if (!row) throw new Error('the store of a stored sale is missing');
  const { store, company } = row;
  return {
    business: {
      name: company.name,
      legalName: company.legalName,
      npwp: company.npwp && formatNpwp(company.npwp),
    },
    store: {
      code: store.code,
      name: store.name,
      address: store.address,
      phone: store.phone,
      timezone: store.timezone,
    },
    transaction: {
      number: sale.number,
      status: sale.status,
      createdAt: sale.createdAt,
      businessDate: sale.businessDate,
      cashierName: sale.cashierName,
      note: sale.note,
    },
    items: sale.items.map((item) => ({
      productName: item.productName,
      // A variant named only by its options ("Besar") is printed with its product.
      variantName: item.variantName.includes(item.productName)
        ? item.variantName
        : `${item.productName} ${item.variantName}`,
      quantity: item.quantity,
      unitPrice: item.unitPrice,
      modifiers: item.modifiers.map(({ name, priceDelta }) => ({ name, priceDelta })),
      modifierUnitTotal: item.modifierUnitTotal,
      lineDiscount: item.lineDiscount,
      lineTotal: item.lineTotal,
    })),
    totals: {
      subtotal: sale.subtotal,
      discountTotal: sale.discountTotal,
      serviceCharge: sale.serviceCharge,
      serviceChargeBasisPoints: sale.serviceChargeBasisPoints,
      taxRegime: sale.taxRegime,
      taxRateBasisPoints: sale.taxRateBasisPoints,
      taxTotal: sale.taxTotal,
      pricesIncludeTax: sale.pricesIncludeTax,
      rounding: sale.rounding,
      total: sale.total,
      paidTotal: sale.paidTotal,
      change: sale.changeAmount,
    },
    payments: sale.payments.map((payment) => ({
      method: payment.method,
      amount: payment.amount,
      tendered: payment.tendered,
      change: payment.changeAmount,
      externalReference: payment.externalReference,
    })),
    voided: sale.voidedAt ? { at: sale.voidedAt, reason: sale.voidReason ?? '' } : null,
  };
}
