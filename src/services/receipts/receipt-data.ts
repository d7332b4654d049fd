import type { PaymentMethod, StoreTimezone, TaxRegime, TransactionStatus } from '../../db/schema';

/**
 * Everything a receipt shows, gathered by the sales service and handed to a template. Amounts are
 * whole rupiah; times are UTC instants, shown in the store's zone by the template filters.
 */
export interface ReceiptData {
  business: { name: string; legalName: string | null; npwp: string | null };
  store: {
    code: string;
    name: string;
    address: string;
    phone: string | null;
    timezone: StoreTimezone;
  };
  transaction: {
    number: string;
    status: TransactionStatus;
    createdAt: Date;
    businessDate: string;
    cashierName: string;
    note: string | null;
  };
  items: Array<{
    productName: string;
    variantName: string;
    quantity: number;
    /** The variant's price per unit, without its options. */
    unitPrice: number;
    /** The options chosen for each unit, printed under the line with what they add. */
    modifiers: Array<{ name: string; priceDelta: number }>;
    modifierUnitTotal: number;
    lineDiscount: number;
    lineTotal: number;
  }>;
  totals: {
    subtotal: number;
    discountTotal: number;
    serviceCharge: number;
    serviceChargeBasisPoints: number;
    taxRegime: TaxRegime;
    taxRateBasisPoints: number;
    taxTotal: number;
    pricesIncludeTax: boolean;
    rounding: number;
    total: number;
    paidTotal: number;
    change: number;
  };
  payments: Array<{
    method: PaymentMethod;
    amount: number;
    tendered: number | null;
    change: number;
    externalReference: string | null;
  }>;
  voided: { at: Date; reason: string } | null;
}
