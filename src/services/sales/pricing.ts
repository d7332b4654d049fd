/**
 * The one place a sale's amounts are computed: lines, discounts, service charge, tax, rounding,
 * total, and how the payments settle it. Pure functions over whole rupiah (src/lib/money.ts), so
 * the till, the server and the tests get the same numbers.
 *
 * Order of operations of priceSale (each amount is rounded once, half-up, to whole rupiah):
 *  1. Line gross: gross = unitPrice × quantity.
 *  2. Line net: net = gross − lineDiscount (the discount may not exceed the gross: 422). The net is
 *     what transaction_items.line_total stores.
 *  3. Subtotal: subtotal = Σ gross (the receipt's "Subtotal"; the discounts follow on their own
 *     line, so subtotal − discountTotal + … = total reads straight down the receipt).
 *  4. Order discount: orderDiscount ≤ Σ net (else 422), allocated across the lines in proportion
 *     to their net (largest remainder) → orderDiscountShare; each line's discounted base is
 *     base = net − orderDiscountShare. discountTotal = Σ lineDiscount + orderDiscount, so
 *     Σ base = subtotal − discountTotal.
 *  5. Service charge: serviceCharge = serviceChargeBasisPoints of Σ base, on every line (taxable
 *     or not), allocated to the lines by base → serviceChargeShare.
 *  6. Tax, by the store's regime: 'none' → 0 whatever the rate. 'ppn' / 'pbjt' at
 *     taxRateBasisPoints on the taxable base = Σ over taxable lines of
 *     (base + serviceChargeShare when serviceChargeTaxable). Only the part of the service charge
 *     earned on taxable lines is taxed; when every line is taxable that is the whole service
 *     charge, i.e. tax on (subtotal − discounts + service charge).
 *       - tax-exclusive prices: taxTotal = rate of the taxable base, added to the amount due;
 *       - tax-inclusive prices: the tax is already inside the amounts:
 *         taxTotal = base − round(base × 10000 / (10000 + rate)), not added.
 *     taxTotal is allocated to the taxable lines by their taxable base (largest remainder), so the
 *     lines' taxAmount add up to taxTotal exactly.
 *  7. Amount before rounding = Σ base + serviceCharge + (taxTotal when tax-exclusive).
 *  8. Rounding: step = cashRoundingStep when any payment of the sale is cash, else
 *     nonCashRoundingStep (a mixed cash/non-cash sale is rounded as cash, because the cash tender
 *     pays the remainder and coins are what make rounding necessary); rounding =
 *     roundToStep(amount, step) − amount, its own line (negative when rounded down), so
 *     |rounding| ≤ step / 2.
 *  9. Total = amount before rounding + rounding
 *     = subtotal − discountTotal + serviceCharge + (exclusive ? taxTotal : 0) + rounding.
 *
 * Service charge on tax-inclusive prices: it is the same rate of the same discounted amounts the
 * customer sees (step 5), added on top. When it is taxable it is treated as tax-inclusive too
 * (its tax is extracted, nothing is added), which gives exactly the exclusive-price total for the
 * same pre-tax prices: 110 000 incl. 10% + service 5% → 115 500, as 100 000 ++ would. When it is
 * not taxable it is still a rate of the tax-inclusive amounts, as printed on the menu.
 */
import type { PaymentMethod, Store } from '../../db/schema';
import { roundingSteps, taxRegimes } from '../../db/schema';
import { ApiError } from '../../lib/errors';
import {
  allocateProportionally,
  applyBasisPoints,
  formatRupiah,
  includedBasisPoints,
  roundToStep,
} from '../../lib/money';

/** The store settings pricing depends on; a `Store` row satisfies it. */
export type PricingSettings = Pick<
  Store,
  | 'taxRegime'
  | 'taxRateBasisPoints'
  | 'serviceChargeBasisPoints'
  | 'serviceChargeTaxable'
  | 'pricesIncludeTax'
  | 'cashRoundingStep'
  | 'nonCashRoundingStep'
>;

export interface PricingItemInput {
  /** The price actually charged per unit (catalog or overridden), whole rupiah. */
  unitPrice: number;
  /** A positive whole number. */
  quantity: number;
  /** Rupiah off this line; at most unitPrice × quantity. */
  lineDiscount?: number | undefined;
  /** Whether the product is subject to the store's tax. */
  isTaxable: boolean;
}

export interface PriceSaleInput {
  settings: PricingSettings;
  items: readonly PricingItemInput[];
  /** Rupiah off the whole sale, after the line discounts. */
  orderDiscount?: number | undefined;
  /** The sale's payments; only their methods matter here (they choose the rounding step). */
  payments: readonly { method: PaymentMethod }[];
}

export interface PricedLine {
  gross: number;
  lineDiscount: number;
  /** gross − lineDiscount (transaction_items.line_total). */
  net: number;
  orderDiscountShare: number;
  /** net − orderDiscountShare. */
  base: number;
  serviceChargeShare: number;
  /** What the tax is computed on for this line (0 for a non-taxable line or no tax regime). */
  taxableBase: number;
  /** This line's part of taxTotal (included in the price when prices include tax). */
  taxAmount: number;
  isTaxable: boolean;
}

export interface SalePricing {
  lines: PricedLine[];
  /** Σ gross. */
  subtotal: number;
  lineDiscountTotal: number;
  orderDiscount: number;
  /** lineDiscountTotal + orderDiscount. */
  discountTotal: number;
  serviceCharge: number;
  /** The rate actually applied: 0 under the 'none' regime. */
  taxRateBasisPoints: number;
  /** True when taxTotal is already inside the amounts rather than added to them. */
  taxIncluded: boolean;
  taxableBase: number;
  taxTotal: number;
  amountBeforeRounding: number;
  roundingStep: number;
  /** roundToStep(amountBeforeRounding, roundingStep) − amountBeforeRounding; may be negative. */
  rounding: number;
  total: number;
}

/**
 * The largest sum of line gross amounts priced; everything derived from it (at most four times
 * it: service charge and tax are each at most 100%) then stays a safe integer.
 */
const maxSubtotal = Math.floor(Number.MAX_SAFE_INTEGER / 8);

const invalidAmount = (field: string) =>
  new ApiError('VALIDATION_FAILED', { detail: { key: 'sales.invalidAmount', params: { field } } });

const tooLarge = () => new ApiError('UNPROCESSABLE', { detail: { key: 'sales.amountTooLarge' } });

function nonNegativeAmount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw invalidAmount(field);
  }
  return value;
}

function checkSettings(settings: PricingSettings): void {
  const invalid = (setting: string) =>
    new ApiError('UNPROCESSABLE', {
      detail: { key: 'sales.invalidPricingSettings', params: { setting } },
    });
  const isBasisPoints = (value: unknown) =>
    typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= 10_000;
  const isStep = (value: unknown) => roundingSteps.some((step) => step === value);
  if (!taxRegimes.includes(settings.taxRegime)) throw invalid('taxRegime');
  if (!isBasisPoints(settings.taxRateBasisPoints)) throw invalid('taxRateBasisPoints');
  if (!isBasisPoints(settings.serviceChargeBasisPoints)) throw invalid('serviceChargeBasisPoints');
  if (typeof settings.serviceChargeTaxable !== 'boolean') throw invalid('serviceChargeTaxable');
  if (typeof settings.pricesIncludeTax !== 'boolean') throw invalid('pricesIncludeTax');
  if (!isStep(settings.cashRoundingStep)) throw invalid('cashRoundingStep');
  if (!isStep(settings.nonCashRoundingStep)) throw invalid('nonCashRoundingStep');
}

/** Prices a sale in the documented order of operations (see the top of this file). */
export function priceSale(input: PriceSaleInput): SalePricing {
  const { settings } = input;
  checkSettings(settings);
  if (input.items.length === 0) {
    throw new ApiError('VALIDATION_FAILED', { detail: { key: 'sales.noItems' } });
  }

  // 1–2. Gross and net per line, validated; 3. the subtotal, bounded so nothing overflows later.
  let subtotalBig = 0n;
  const grossNet = input.items.map((item, index) => {
    const unitPrice = nonNegativeAmount(item.unitPrice, `items.${index}.unitPrice`);
    const { quantity } = item;
    if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
      throw new ApiError('VALIDATION_FAILED', {
        detail: { key: 'sales.invalidQuantity', params: { field: `items.${index}.quantity` } },
      });
    }
    const lineDiscount = nonNegativeAmount(item.lineDiscount ?? 0, `items.${index}.lineDiscount`);
    const grossBig = BigInt(unitPrice) * BigInt(quantity);
    subtotalBig += grossBig;
    if (subtotalBig > BigInt(maxSubtotal)) throw tooLarge();
    const gross = Number(grossBig);
    if (lineDiscount > gross) {
      throw new ApiError('UNPROCESSABLE', {
        detail: {
          key: 'sales.lineDiscountTooLarge',
          params: {
            line: index + 1,
            discount: formatRupiah(lineDiscount),
            gross: formatRupiah(gross),
          },
        },
      });
    }
    return { gross, lineDiscount, net: gross - lineDiscount, isTaxable: item.isTaxable === true };
  });
  const subtotal = Number(subtotalBig);
  const lineDiscountTotal = grossNet.reduce((sum, line) => sum + line.lineDiscount, 0);
  const netSubtotal = subtotal - lineDiscountTotal;

  // 4. Order discount, spread over the lines by their net.
  const orderDiscount = nonNegativeAmount(input.orderDiscount ?? 0, 'orderDiscount');
  if (orderDiscount > netSubtotal) {
    throw new ApiError('UNPROCESSABLE', {
      detail: {
        key: 'sales.orderDiscountTooLarge',
        params: { discount: formatRupiah(orderDiscount), subtotal: formatRupiah(netSubtotal) },
      },
    });
  }
  const orderDiscountShares = allocateProportionally(
    orderDiscount,
    grossNet.map((line) => line.net),
  );
  const bases = grossNet.map((line, index) => line.net - (orderDiscountShares[index] ?? 0));
  const discountedSubtotal = netSubtotal - orderDiscount;

  // 5. Service charge on everything after discounts.
  const serviceCharge = applyBasisPoints(discountedSubtotal, settings.serviceChargeBasisPoints);
  const serviceChargeShares = allocateProportionally(serviceCharge, bases);

  // 6. Tax on the taxable lines (and their part of the service charge when it is taxable).
  const taxRateBasisPoints = settings.taxRegime === 'none' ? 0 : settings.taxRateBasisPoints;
  const taxableBases = grossNet.map((line, index) => {
    if (!line.isTaxable || taxRateBasisPoints === 0) return 0;
    const base = bases[index] ?? 0;
    return settings.serviceChargeTaxable ? base + (serviceChargeShares[index] ?? 0) : base;
  });
  const taxableBase = taxableBases.reduce((sum, base) => sum + base, 0);
  const taxIncluded = settings.pricesIncludeTax;
  const taxTotal = taxIncluded
    ? includedBasisPoints(taxableBase, taxRateBasisPoints)
    : applyBasisPoints(taxableBase, taxRateBasisPoints);
  const taxAmounts = allocateProportionally(taxTotal, taxableBases);

  // 7–9. Amount due, its rounding line, the total.
  const amountBeforeRounding = discountedSubtotal + serviceCharge + (taxIncluded ? 0 : taxTotal);
  const paysWithCash = input.payments.some((payment) => payment.method === 'cash');
  const roundingStep = paysWithCash ? settings.cashRoundingStep : settings.nonCashRoundingStep;
  const total = roundToStep(amountBeforeRounding, roundingStep);

  return {
    lines: grossNet.map((line, index) => ({
      gross: line.gross,
      lineDiscount: line.lineDiscount,
      net: line.net,
      orderDiscountShare: orderDiscountShares[index] ?? 0,
      base: bases[index] ?? 0,
      serviceChargeShare: serviceChargeShares[index] ?? 0,
      taxableBase: taxableBases[index] ?? 0,
      taxAmount: taxAmounts[index] ?? 0,
      isTaxable: line.isTaxable,
    })),
    subtotal,
    lineDiscountTotal,
    orderDiscount,
    discountTotal: lineDiscountTotal + orderDiscount,
    serviceCharge,
    taxRateBasisPoints,
    taxIncluded,
    taxableBase,
    taxTotal,
    amountBeforeRounding,
    roundingStep,
    rounding: total - amountBeforeRounding,
    total,
  };
}

export interface TenderInput {
  method: PaymentMethod;
  /** Non-cash: what it pays (required). Cash: used as the amount handed over when no tendered. */
  amount?: number | undefined;
  /** Cash handed over by the customer. Non-cash: optional, and must equal amount. */
  tendered?: number | undefined;
}

export interface SettledPayment {
  method: PaymentMethod;
  /** What this payment pays towards the total (payments.amount). */
  amount: number;
  /** Cash handed over; null for non-cash. */
  tendered: number | null;
  /** Cash given back for this payment; 0 for non-cash. */
  change: number;
}

export interface Settlement {
  /** One per input payment, in the same order. */
  payments: SettledPayment[];
  /** What the customer handed over in all: total + change. */
  paidTotal: number;
  change: number;
}

/**
 * Settles a total with the sale's payments. Non-cash payments pay exactly their amount and may
 * not together exceed the total (only cash gives change). Cash pays what is left: the cash
 * payments, in order, each apply up to what is still due; whatever they hand over beyond it is
 * change. Payments short of the total → 422 'sales.insufficientPayment' with the shortfall.
 * A cash payment's `amount` is ignored when `tendered` is given (the amount applied is computed).
 */
export function settlePayments(total: number, payments: readonly TenderInput[]): Settlement {
  nonNegativeAmount(total, 'total');
  const required = () =>
    new ApiError('VALIDATION_FAILED', { detail: { key: 'sales.paymentAmountRequired' } });

  let nonCashBig = 0n;
  let cashBig = 0n;
  const tenders = payments.map((payment, index) => {
    if (payment.method === 'cash') {
      const field = payment.tendered === undefined ? 'amount' : 'tendered';
      const handed = payment.tendered ?? payment.amount;
      if (handed === undefined) throw required();
      if (payment.amount !== undefined)
        nonNegativeAmount(payment.amount, `payments.${index}.amount`);
      nonNegativeAmount(handed, `payments.${index}.${field}`);
      cashBig += BigInt(handed);
      return { method: payment.method, cash: true, handed };
    }
    if (payment.amount === undefined) throw required();
    const amount = nonNegativeAmount(payment.amount, `payments.${index}.amount`);
    if (payment.tendered !== undefined && payment.tendered !== amount) {
      throw new ApiError('UNPROCESSABLE', {
        detail: { key: 'sales.nonCashChange', params: { method: payment.method } },
      });
    }
    nonCashBig += BigInt(amount);
    return { method: payment.method, cash: false, handed: amount };
  });
  if (nonCashBig + cashBig > BigInt(Number.MAX_SAFE_INTEGER)) throw tooLarge();
  const nonCash = Number(nonCashBig);
  const cash = Number(cashBig);

  if (nonCash > total) {
    throw new ApiError('UNPROCESSABLE', {
      detail: {
        key: 'sales.nonCashExceedsTotal',
        params: { paid: formatRupiah(nonCash), total: formatRupiah(total) },
      },
      extensions: { total, nonCashPaid: nonCash },
    });
  }
  const cashDue = total - nonCash;
  if (cash < cashDue) {
    const shortfall = cashDue - cash;
    throw new ApiError('UNPROCESSABLE', {
      detail: { key: 'sales.insufficientPayment', params: { shortfall: formatRupiah(shortfall) } },
      extensions: { total, paid: nonCash + cash, shortfall },
    });
  }

  let stillDue = cashDue;
  const settled = tenders.map((tender): SettledPayment => {
    if (!tender.cash) {
      return { method: tender.method, amount: tender.handed, tendered: null, change: 0 };
    }
    const applied = Math.min(tender.handed, stillDue);
    stillDue -= applied;
    return {
      method: tender.method,
      amount: applied,
      tendered: tender.handed,
      change: tender.handed - applied,
    };
  });
  return { payments: settled, paidTotal: nonCash + cash, change: cash - cashDue };
}
