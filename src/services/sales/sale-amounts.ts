import type { DatedSettings } from '../stores/settings-rules';
import type { PaymentInput, SaleInput, SaleItemInput } from './create-sale';
import { type PricedLine, priceSale, settlePayments } from './pricing';

export interface SaleLineContext {
  item: SaleItemInput;
  variant: { isTaxable: boolean };
  listPrice: number;
  unitPrice: number;
  /** What the line's options add to each unit: priced as part of the line, like its price. */
  modifiers: { unitTotal: number };
}

/**
 * Runs the pricing engine (src/services/sales/pricing.ts) and settles the payments, and shapes the
 * result as the columns of transactions, transaction_items and payments.
 */
export function computeSaleAmounts(
  settings: DatedSettings,
  lines: readonly SaleLineContext[],
  input: Pick<SaleInput, 'orderDiscount' | 'payments'>,
) {
  const pricing = priceSale({
    settings,
    items: lines.map((line) => ({
      unitPrice: line.unitPrice + line.modifiers.unitTotal,
      quantity: line.item.quantity,
      lineDiscount: line.item.lineDiscount,
      isTaxable: line.variant.isTaxable,
    })),
    orderDiscount: input.orderDiscount,
    payments: input.payments,
  });
  const settlement = settlePayments(pricing.total, input.payments);
  const flags: string[] = [];
  if (lines.some((line) => line.unitPrice !== line.listPrice)) flags.push('price_override');
  return {
    total: pricing.total,
    lines: pricing.lines.map((line: PricedLine) => ({
      lineDiscount: line.lineDiscount,
      lineTotal: line.net,
      orderDiscountShare: line.orderDiscountShare,
      taxAmount: line.taxAmount,
    })),
    summary: {
      subtotal: pricing.subtotal,
      discountTotal: pricing.discountTotal,
      serviceCharge: pricing.serviceCharge,
      taxTotal: pricing.taxTotal,
      taxBase: pricing.taxIncluded ? pricing.taxableBase - pricing.taxTotal : pricing.taxableBase,
      rounding: pricing.rounding,
      total: pricing.total,
      paidTotal: settlement.paidTotal,
      changeAmount: settlement.change,
    },
    payments: settlement.payments.map((payment, index) => ({
      method: payment.method,
      amount: payment.amount,
      tendered: payment.tendered,
      changeAmount: payment.change,
      externalReference:
        (input.payments[index] as PaymentInput | undefined)?.externalReference ?? null,
    })),
    flags,
  };
}
