import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PaymentMethod, TaxRegime } from '../../src/db/schema';
import { ApiError } from '../../src/lib/errors';
import { type MessageKey, translate } from '../../src/lib/messages';
import {
  type PricingItemInput,
  type PricingSettings,
  priceSale,
  settlePayments,
  type TenderInput,
} from '../../src/services/sales/pricing';

const noTax: PricingSettings = {
  taxRegime: 'none',
  taxRateBasisPoints: 0,
  serviceChargeBasisPoints: 0,
  serviceChargeTaxable: true,
  pricesIncludeTax: false,
  cashRoundingStep: 0,
  nonCashRoundingStep: 0,
};

function expectApiError(action: () => unknown, code: ApiError['code'], key: MessageKey): ApiError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.code).toBe(code);
    expect(apiError.detail?.key).toBe(key);
    return apiError;
  }
  throw new Error(`expected ApiError ${code} ${key}`);
}

describe('priceSale: the worked example of the issue', () => {
  it('subtotal 100.000, service 5% = 5.000, PBJT 10% of 105.000 = 10.500, total 115.500', () => {
    const priced = priceSale({
      settings: {
        ...noTax,
        taxRegime: 'pbjt',
        taxRateBasisPoints: 1000,
        serviceChargeBasisPoints: 500,
      },
      items: [{ unitPrice: 100_000, quantity: 1, isTaxable: true }],
      payments: [{ method: 'cash' }],
    });
    expect(priced).toMatchObject({
      subtotal: 100_000,
      discountTotal: 0,
      serviceCharge: 5_000,
      taxableBase: 105_000,
      taxTotal: 10_500,
      taxIncluded: false,
      rounding: 0,
      total: 115_500,
    });
    expect(priced.lines).toEqual([
      {
        gross: 100_000,
        lineDiscount: 0,
        net: 100_000,
        orderDiscountShare: 0,
        base: 100_000,
        serviceChargeShare: 5_000,
        taxableBase: 105_000,
        taxAmount: 10_500,
        isTaxable: true,
      },
    ]);
  });

  it('the same sale with tax-inclusive prices (110.000) comes to the same 115.500', () => {
    // Service 5% of 110.000 = 5.500 (taxable, so tax-inclusive too); 115.500 / 1.1 = 105.000,
    // tax inside = 10.500, nothing added.
    const priced = priceSale({
      settings: {
        ...noTax,
        taxRegime: 'pbjt',
        taxRateBasisPoints: 1000,
        serviceChargeBasisPoints: 500,
        pricesIncludeTax: true,
      },
      items: [{ unitPrice: 110_000, quantity: 1, isTaxable: true }],
      payments: [{ method: 'qris' }],
    });
    expect(priced).toMatchObject({
      subtotal: 110_000,
      serviceCharge: 5_500,
      taxTotal: 10_500,
      taxIncluded: true,
      total: 115_500,
    });
  });
});

/**
 * One cart, every regime × inclusive/exclusive × service charge taxed or not × rounding step ×
 * cash or not. Cart: 2 × 23.500 (47.000) + 3 × 8.000 (24.000) + 1 × 7.350, all taxable;
 * subtotal 78.350. Service 5% = 3.917,5 → 3.918, allocated 2.350 / 1.200 / 368 (exact shares
 * 2.350,26 / 1.200,15 / 367,55: the spare rupiah goes to the largest remainder, line 3).
 * Service 10% = 7.835, exactly 4.700 / 2.400 / 735.
 */
const cart: PricingItemInput[] = [
  { unitPrice: 23_500, quantity: 2, isTaxable: true },
  { unitPrice: 8_000, quantity: 3, isTaxable: true },
  { unitPrice: 7_350, quantity: 1, isTaxable: true },
];

interface TaxVector {
  name: string;
  regime: TaxRegime;
  rate: number;
  service: number;
  serviceTaxable: boolean;
  inclusive: boolean;
  cashStep: number;
  nonCashStep: number;
  method: PaymentMethod;
  expected: {
    serviceCharge: number;
    taxTotal: number;
    lineTaxes: [number, number, number];
    amountBeforeRounding: number;
    rounding: number;
    total: number;
  };
}

const vectors: TaxVector[] = [
  {
    // 78.350, nothing else.
    name: 'none, no service, no rounding',
    regime: 'none',
    rate: 0,
    service: 0,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 0,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 0,
      taxTotal: 0,
      lineTaxes: [0, 0, 0],
      amountBeforeRounding: 78_350,
      rounding: 0,
      total: 78_350,
    },
  },
  {
    // 78.350 + 3.918 = 82.268; cash step 100 → 82.300 (+32).
    name: 'none, service 5%, cash rounded to 100',
    regime: 'none',
    rate: 0,
    service: 500,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 100,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 0,
      lineTaxes: [0, 0, 0],
      amountBeforeRounding: 82_268,
      rounding: 32,
      total: 82_300,
    },
  },
  {
    // Same sale paid by QRIS: the non-cash step (0) applies → 82.268.
    name: 'none, service 5%, QRIS with a cash-only step',
    regime: 'none',
    rate: 0,
    service: 500,
    serviceTaxable: true,
    inclusive: true,
    cashStep: 100,
    nonCashStep: 0,
    method: 'qris',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 0,
      lineTaxes: [0, 0, 0],
      amountBeforeRounding: 82_268,
      rounding: 0,
      total: 82_268,
    },
  },
  {
    // PPN 11% of 78.350 = 8.618,5 → 8.619 (half-up); lines 47.000 / 24.000 / 7.350 exact shares
    // 5.170,18 / 2.640,09 / 808,72 → 5.170 / 2.640 / 809. 78.350 + 8.619 = 86.969.
    name: 'PPN 11% exclusive, no service, no rounding',
    regime: 'ppn',
    rate: 1100,
    service: 0,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 0,
    nonCashStep: 0,
    method: 'card',
    expected: {
      serviceCharge: 0,
      taxTotal: 8_619,
      lineTaxes: [5_170, 2_640, 809],
      amountBeforeRounding: 86_969,
      rounding: 0,
      total: 86_969,
    },
  },
  {
    // As above, cash step 500: 86.969 → 87.000 (+31).
    name: 'PPN 11% exclusive, cash rounded to 500',
    regime: 'ppn',
    rate: 1100,
    service: 0,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 500,
    nonCashStep: 100,
    method: 'cash',
    expected: {
      serviceCharge: 0,
      taxTotal: 8_619,
      lineTaxes: [5_170, 2_640, 809],
      amountBeforeRounding: 86_969,
      rounding: 31,
      total: 87_000,
    },
  },
  {
    // 78.350 / 1,11 = 70.585,59 → 70.586; tax inside 7.764, nothing added. Lines: 7.764 × share
    // = 4.657,43 / 2.378,24 / 728,33 → one spare rupiah to line 1 → 4.658 / 2.378 / 728.
    name: 'PPN 11% inclusive, no service, no rounding',
    regime: 'ppn',
    rate: 1100,
    service: 0,
    serviceTaxable: true,
    inclusive: true,
    cashStep: 0,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 0,
      taxTotal: 7_764,
      lineTaxes: [4_658, 2_378, 728],
      amountBeforeRounding: 78_350,
      rounding: 0,
      total: 78_350,
    },
  },
  {
    // As above, cash step 1000: 78.350 → 78.000 (−350).
    name: 'PPN 11% inclusive, cash rounded to 1000 (down)',
    regime: 'ppn',
    rate: 1100,
    service: 0,
    serviceTaxable: true,
    inclusive: true,
    cashStep: 1000,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 0,
      taxTotal: 7_764,
      lineTaxes: [4_658, 2_378, 728],
      amountBeforeRounding: 78_350,
      rounding: -350,
      total: 78_000,
    },
  },
  {
    // Service 10% = 7.835, taxable: base 86.185; PPN 11% = 9.480,35 → 9.480.
    // Line bases 51.700 / 26.400 / 8.085 → 5.687,2 / 2.904,1 / 888,7 → 5.687 / 2.904 / 889.
    // 78.350 + 7.835 + 9.480 = 95.665; cash step 1000 → 96.000 (+335).
    name: 'PPN 11% exclusive, service 10% taxed, cash rounded to 1000 (up)',
    regime: 'ppn',
    rate: 1100,
    service: 1000,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 1000,
    nonCashStep: 500,
    method: 'cash',
    expected: {
      serviceCharge: 7_835,
      taxTotal: 9_480,
      lineTaxes: [5_687, 2_904, 889],
      amountBeforeRounding: 95_665,
      rounding: 335,
      total: 96_000,
    },
  },
  {
    // As above paid by e-wallet: non-cash step 500: 95.665 → 95.500 (−165).
    name: 'PPN 11% exclusive, service 10% taxed, e-wallet rounded to 500',
    regime: 'ppn',
    rate: 1100,
    service: 1000,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 1000,
    nonCashStep: 500,
    method: 'ewallet',
    expected: {
      serviceCharge: 7_835,
      taxTotal: 9_480,
      lineTaxes: [5_687, 2_904, 889],
      amountBeforeRounding: 95_665,
      rounding: -165,
      total: 95_500,
    },
  },
  {
    // Inclusive, service 10% not taxed: tax inside the goods only = 7.764 (as above);
    // 78.350 + 7.835 = 86.185.
    name: 'PPN 11% inclusive, service 10% not taxed',
    regime: 'ppn',
    rate: 1100,
    service: 1000,
    serviceTaxable: false,
    inclusive: true,
    cashStep: 0,
    nonCashStep: 0,
    method: 'transfer',
    expected: {
      serviceCharge: 7_835,
      taxTotal: 7_764,
      lineTaxes: [4_658, 2_378, 728],
      amountBeforeRounding: 86_185,
      rounding: 0,
      total: 86_185,
    },
  },
  {
    // Inclusive, service 10% taxed: 86.185 / 1,11 = 77.644,14 → 77.644, tax 8.541.
    // Lines 51.700 / 26.400 / 8.085 → 5.123,4 / 2.616,2 / 801,2 → 5.124 / 2.616 / 801.
    // Cash step 100: 86.185 → 86.200 (+15).
    name: 'PPN 11% inclusive, service 10% taxed, cash rounded to 100',
    regime: 'ppn',
    rate: 1100,
    service: 1000,
    serviceTaxable: true,
    inclusive: true,
    cashStep: 100,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 7_835,
      taxTotal: 8_541,
      lineTaxes: [5_124, 2_616, 801],
      amountBeforeRounding: 86_185,
      rounding: 15,
      total: 86_200,
    },
  },
  {
    // PBJT 10% of (78.350 + 3.918 = 82.268) = 8.226,8 → 8.227. Line bases 49.350 / 25.200 /
    // 7.718 → 4.935,17 / 2.520,05 / 771,82 → 4.935 / 2.520 / 772. Total 90.495.
    name: 'PBJT 10% exclusive, service 5% taxed, no rounding',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 0,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 8_227,
      lineTaxes: [4_935, 2_520, 772],
      amountBeforeRounding: 90_495,
      rounding: 0,
      total: 90_495,
    },
  },
  {
    // 90.495 to cash step 100 → 90.500 (+5).
    name: 'PBJT 10% exclusive, service 5% taxed, cash rounded to 100',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 100,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 8_227,
      lineTaxes: [4_935, 2_520, 772],
      amountBeforeRounding: 90_495,
      rounding: 5,
      total: 90_500,
    },
  },
  {
    // 90.495 to step 500: 180,99 steps → 181 → 90.500 (+5).
    name: 'PBJT 10% exclusive, service 5% taxed, cash rounded to 500',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 500,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 8_227,
      lineTaxes: [4_935, 2_520, 772],
      amountBeforeRounding: 90_495,
      rounding: 5,
      total: 90_500,
    },
  },
  {
    // 90.495 to step 1000 → 90.000 (−495, just under half a step).
    name: 'PBJT 10% exclusive, service 5% taxed, card rounded to 1000',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: true,
    inclusive: false,
    cashStep: 0,
    nonCashStep: 1000,
    method: 'card',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 8_227,
      lineTaxes: [4_935, 2_520, 772],
      amountBeforeRounding: 90_495,
      rounding: -495,
      total: 90_000,
    },
  },
  {
    // Service not taxed: PBJT 10% of 78.350 = 7.835 (4.700 / 2.400 / 735 exactly).
    // 78.350 + 3.918 + 7.835 = 90.103; card step 100 → 90.100 (−3).
    name: 'PBJT 10% exclusive, service 5% not taxed, card rounded to 100',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: false,
    inclusive: false,
    cashStep: 1000,
    nonCashStep: 100,
    method: 'card',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 7_835,
      lineTaxes: [4_700, 2_400, 735],
      amountBeforeRounding: 90_103,
      rounding: -3,
      total: 90_100,
    },
  },
  {
    // Inclusive, service taxed: 82.268 / 1,1 = 74.789,09 → 74.789, tax 7.479. Lines 49.350 /
    // 25.200 / 7.718 → 4.486,4 / 2.290,9 / 701,6 → 4.486 / 2.291 / 702. Total 82.268.
    name: 'PBJT 10% inclusive, service 5% taxed, no rounding',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: true,
    inclusive: true,
    cashStep: 0,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 7_479,
      lineTaxes: [4_486, 2_291, 702],
      amountBeforeRounding: 82_268,
      rounding: 0,
      total: 82_268,
    },
  },
  {
    // As above, cash step 500: 82.268 = 164,54 steps → 165 → 82.500 (+232).
    name: 'PBJT 10% inclusive, service 5% taxed, cash rounded to 500',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: true,
    inclusive: true,
    cashStep: 500,
    nonCashStep: 0,
    method: 'cash',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 7_479,
      lineTaxes: [4_486, 2_291, 702],
      amountBeforeRounding: 82_268,
      rounding: 232,
      total: 82_500,
    },
  },
  {
    // Inclusive, service not taxed: 78.350 / 1,1 = 71.227,27 → 71.227, tax 7.123 (lines
    // 4.272,6 / 2.181,8 / 668,2 → 4.273 / 2.182 / 668). 78.350 + 3.918 = 82.268.
    name: 'PBJT 10% inclusive, service 5% not taxed',
    regime: 'pbjt',
    rate: 1000,
    service: 500,
    serviceTaxable: false,
    inclusive: true,
    cashStep: 0,
    nonCashStep: 0,
    method: 'qris',
    expected: {
      serviceCharge: 3_918,
      taxTotal: 7_123,
      lineTaxes: [4_273, 2_182, 668],
      amountBeforeRounding: 82_268,
      rounding: 0,
      total: 82_268,
    },
  },
];

describe('priceSale: tax vectors', () => {
  it.each(vectors)('$name', (vector) => {
    const priced = priceSale({
      settings: {
        taxRegime: vector.regime,
        taxRateBasisPoints: vector.rate,
        serviceChargeBasisPoints: vector.service,
        serviceChargeTaxable: vector.serviceTaxable,
        pricesIncludeTax: vector.inclusive,
        cashRoundingStep: vector.cashStep,
        nonCashRoundingStep: vector.nonCashStep,
      },
      items: cart,
      payments: [{ method: vector.method }],
    });
    const { expected } = vector;
    expect(priced.subtotal).toBe(78_350);
    expect(priced.discountTotal).toBe(0);
    expect(priced.serviceCharge).toBe(expected.serviceCharge);
    expect(priced.taxTotal).toBe(expected.taxTotal);
    expect(priced.lines.map((line) => line.taxAmount)).toEqual(expected.lineTaxes);
    expect(priced.amountBeforeRounding).toBe(expected.amountBeforeRounding);
    expect(priced.rounding).toBe(expected.rounding);
    expect(priced.total).toBe(expected.total);
    expect(priced.roundingStep).toBe(
      vector.method === 'cash' ? vector.cashStep : vector.nonCashStep,
    );
    expect(priced.taxIncluded).toBe(vector.inclusive);
  });

  it('ignores a stray rate under the none regime', () => {
    const priced = priceSale({
      settings: { ...noTax, taxRateBasisPoints: 1100 },
      items: cart,
      payments: [{ method: 'cash' }],
    });
    expect(priced.taxRateBasisPoints).toBe(0);
    expect(priced.taxTotal).toBe(0);
    expect(priced.total).toBe(78_350);
  });

  it('rounds a sale paid partly in cash with the cash step', () => {
    const priced = priceSale({
      settings: { ...noTax, cashRoundingStep: 1000, nonCashRoundingStep: 100 },
      items: [{ unitPrice: 12_345, quantity: 1, isTaxable: true }],
      payments: [{ method: 'qris' }, { method: 'cash' }],
    });
    // 12.345 to 1000 → 12.000 (−345).
    expect(priced).toMatchObject({ roundingStep: 1000, rounding: -345, total: 12_000 });
  });

  it.each([
    // [amount, step, rounding, total]: exactly half a step rounds up.
    [1_250, 100, 50, 1_300],
    [1_249, 100, -49, 1_200],
    [1_250, 500, 250, 1_500],
    [1_249, 500, -249, 1_000],
    [1_500, 1000, 500, 2_000],
    [1_499, 1000, -499, 1_000],
    [49, 100, -49, 0],
  ])('rounds %s to step %s half-up (%s → %s)', (amount, step, rounding, total) => {
    const priced = priceSale({
      settings: { ...noTax, cashRoundingStep: step },
      items: [{ unitPrice: amount, quantity: 1, isTaxable: true }],
      payments: [{ method: 'cash' }],
    });
    expect(priced.rounding).toBe(rounding);
    expect(priced.total).toBe(total);
  });
});

describe('priceSale: discounts and non-taxable lines', () => {
  it('applies line and order discounts, taxes only taxable lines and their service share', () => {
    // Line 1: 50.000 − 5.000 = 45.000; line 2: 2 × 30.000 = 60.000; line 3: 15.000 (not taxable).
    // Subtotal 125.000; net 120.000. Order discount 12.000 by net: 4.500 / 6.000 / 1.500 →
    // bases 40.500 / 54.000 / 13.500 = 108.000; discounts 5.000 + 12.000 = 17.000.
    // Service 5% of 108.000 = 5.400: 2.025 / 2.700 / 675.
    // Taxable base: 42.525 + 56.700 = 99.225 (line 3 and its 675 untaxed);
    // PBJT 10% = 9.922,5 → 9.923; lines 3/7 and 4/7: 4.252,71 / 5.670,29 → 4.253 / 5.670 / 0.
    // 108.000 + 5.400 + 9.923 = 123.323; cash step 500 → 123.500 (+177).
    const priced = priceSale({
      settings: {
        ...noTax,
        taxRegime: 'pbjt',
        taxRateBasisPoints: 1000,
        serviceChargeBasisPoints: 500,
        cashRoundingStep: 500,
      },
      items: [
        { unitPrice: 50_000, quantity: 1, lineDiscount: 5_000, isTaxable: true },
        { unitPrice: 30_000, quantity: 2, isTaxable: true },
        { unitPrice: 15_000, quantity: 1, isTaxable: false },
      ],
      orderDiscount: 12_000,
      payments: [{ method: 'cash' }],
    });
    expect(priced).toMatchObject({
      subtotal: 125_000,
      lineDiscountTotal: 5_000,
      orderDiscount: 12_000,
      discountTotal: 17_000,
      serviceCharge: 5_400,
      taxableBase: 99_225,
      taxTotal: 9_923,
      amountBeforeRounding: 123_323,
      rounding: 177,
      total: 123_500,
    });
    expect(priced.lines).toEqual([
      {
        gross: 50_000,
        lineDiscount: 5_000,
        net: 45_000,
        orderDiscountShare: 4_500,
        base: 40_500,
        serviceChargeShare: 2_025,
        taxableBase: 42_525,
        taxAmount: 4_253,
        isTaxable: true,
      },
      {
        gross: 60_000,
        lineDiscount: 0,
        net: 60_000,
        orderDiscountShare: 6_000,
        base: 54_000,
        serviceChargeShare: 2_700,
        taxableBase: 56_700,
        taxAmount: 5_670,
        isTaxable: true,
      },
      {
        gross: 15_000,
        lineDiscount: 0,
        net: 15_000,
        orderDiscountShare: 1_500,
        base: 13_500,
        serviceChargeShare: 675,
        taxableBase: 0,
        taxAmount: 0,
        isTaxable: false,
      },
    ]);
  });

  it('splits an order discount that does not divide evenly by largest remainder', () => {
    // 3 × 10.000, order discount 100 → 33,33 each: 34 / 33 / 33. Bases 9.966 / 9.967 / 9.967.
    // PPN 11% of 29.900 = 3.289: 1.096,22 / 1.096,33 / 1.096,33 → 1.096 / 1.097 / 1.096.
    const priced = priceSale({
      settings: { ...noTax, taxRegime: 'ppn', taxRateBasisPoints: 1100 },
      items: [1, 2, 3].map(() => ({ unitPrice: 10_000, quantity: 1, isTaxable: true })),
      orderDiscount: 100,
      payments: [{ method: 'card' }],
    });
    expect(priced.lines.map((line) => line.orderDiscountShare)).toEqual([34, 33, 33]);
    expect(priced.lines.map((line) => line.taxAmount)).toEqual([1_096, 1_097, 1_096]);
    expect(priced).toMatchObject({ discountTotal: 100, taxTotal: 3_289, total: 33_189 });
  });

  it('charges no tax when no line is taxable, even on a taxable service charge', () => {
    // 30.000 + service 10% 3.000 = 33.000; nothing taxable.
    const priced = priceSale({
      settings: {
        ...noTax,
        taxRegime: 'pbjt',
        taxRateBasisPoints: 1000,
        serviceChargeBasisPoints: 1000,
      },
      items: [
        { unitPrice: 20_000, quantity: 1, isTaxable: false },
        { unitPrice: 10_000, quantity: 1, isTaxable: false },
      ],
      payments: [{ method: 'cash' }],
    });
    expect(priced).toMatchObject({ serviceCharge: 3_000, taxTotal: 0, total: 33_000 });
  });

  it('prices a fully discounted sale at zero', () => {
    const priced = priceSale({
      settings: { ...noTax, taxRegime: 'ppn', taxRateBasisPoints: 1100, cashRoundingStep: 1000 },
      items: [
        { unitPrice: 5_000, quantity: 2, lineDiscount: 10_000, isTaxable: true },
        { unitPrice: 0, quantity: 1, isTaxable: true },
      ],
      payments: [{ method: 'cash' }],
    });
    expect(priced).toMatchObject({
      subtotal: 10_000,
      discountTotal: 10_000,
      taxTotal: 0,
      total: 0,
    });
  });

  it('prices a free item next to a paid one', () => {
    const priced = priceSale({
      settings: { ...noTax, taxRegime: 'ppn', taxRateBasisPoints: 1100 },
      items: [
        { unitPrice: 0, quantity: 3, isTaxable: true },
        { unitPrice: 10_000, quantity: 1, isTaxable: true },
      ],
      orderDiscount: 1_000,
      payments: [{ method: 'cash' }],
    });
    expect(priced.lines.map((line) => [line.orderDiscountShare, line.taxAmount])).toEqual([
      [0, 0],
      [1_000, 990],
    ]);
  });
});

describe('priceSale: invalid input', () => {
  const base = { settings: noTax, payments: [{ method: 'cash' as const }] };
  const item = { unitPrice: 10_000, quantity: 1, isTaxable: true };

  it.each([
    ['a negative unit price', { ...item, unitPrice: -1 }, 'sales.invalidAmount'],
    ['a fractional unit price', { ...item, unitPrice: 10.5 }, 'sales.invalidAmount'],
    ['a NaN unit price', { ...item, unitPrice: Number.NaN }, 'sales.invalidAmount'],
    ['a negative line discount', { ...item, lineDiscount: -1 }, 'sales.invalidAmount'],
    ['a zero quantity', { ...item, quantity: 0 }, 'sales.invalidQuantity'],
    ['a fractional quantity', { ...item, quantity: 1.5 }, 'sales.invalidQuantity'],
  ] as const)('refuses %s with 400', (_name, badItem, key) => {
    const error = expectApiError(
      () => priceSale({ ...base, items: [item, badItem] }),
      'VALIDATION_FAILED',
      key,
    );
    expect(error.detail?.params?.field).toMatch(/^items\.1\./);
  });

  it('refuses an empty sale and a negative order discount with 400', () => {
    expectApiError(() => priceSale({ ...base, items: [] }), 'VALIDATION_FAILED', 'sales.noItems');
    expectApiError(
      () => priceSale({ ...base, items: [item], orderDiscount: -5 }),
      'VALIDATION_FAILED',
      'sales.invalidAmount',
    );
  });

  it('refuses a line discount above the line with 422', () => {
    const error = expectApiError(
      () => priceSale({ ...base, items: [{ ...item, quantity: 2, lineDiscount: 20_001 }] }),
      'UNPROCESSABLE',
      'sales.lineDiscountTooLarge',
    );
    expect(error.detail?.params).toEqual({ line: 1, discount: 'Rp 20.001', gross: 'Rp 20.000' });
  });

  it('refuses an order discount above the subtotal after line discounts with 422', () => {
    expectApiError(
      () =>
        priceSale({
          ...base,
          items: [{ ...item, lineDiscount: 1_000 }],
          orderDiscount: 9_001,
        }),
      'UNPROCESSABLE',
      'sales.orderDiscountTooLarge',
    );
  });

  it('refuses amounts too large to compute safely with 422', () => {
    expectApiError(
      () =>
        priceSale({
          ...base,
          items: [{ unitPrice: 1_000_000_000, quantity: 10_000_000, isTaxable: true }],
        }),
      'UNPROCESSABLE',
      'sales.amountTooLarge',
    );
  });

  it.each([
    ['cashRoundingStep', { cashRoundingStep: 250 }],
    ['nonCashRoundingStep', { nonCashRoundingStep: -100 }],
    ['taxRateBasisPoints', { taxRegime: 'ppn', taxRateBasisPoints: 10_001 }],
    ['serviceChargeBasisPoints', { serviceChargeBasisPoints: 2.5 }],
    ['taxRegime', { taxRegime: 'vat' }],
  ])('refuses invalid store settings (%s) with 422', (setting, override) => {
    const error = expectApiError(
      () =>
        priceSale({
          ...base,
          settings: { ...noTax, ...override } as PricingSettings,
          items: [item],
        }),
      'UNPROCESSABLE',
      'sales.invalidPricingSettings',
    );
    expect(error.detail?.params).toEqual({ setting });
  });
});

describe('settlePayments', () => {
  it('settles an exact non-cash payment', () => {
    expect(settlePayments(115_500, [{ method: 'qris', amount: 115_500 }])).toEqual({
      payments: [{ method: 'qris', amount: 115_500, tendered: null, change: 0 }],
      paidTotal: 115_500,
      change: 0,
    });
  });

  it('gives change on cash: 120.000 for 115.500 → 4.500', () => {
    expect(settlePayments(115_500, [{ method: 'cash', tendered: 120_000 }])).toEqual({
      payments: [{ method: 'cash', amount: 115_500, tendered: 120_000, change: 4_500 }],
      paidTotal: 120_000,
      change: 4_500,
    });
  });

  it('lets cash pay what a split non-cash payment leaves', () => {
    // 115.500 − QRIS 50.000 = 65.500 cash due; 70.000 handed → 4.500 change.
    const settled = settlePayments(115_500, [
      { method: 'qris', amount: 50_000 },
      { method: 'cash', tendered: 70_000 },
    ]);
    expect(settled).toEqual({
      payments: [
        { method: 'qris', amount: 50_000, tendered: null, change: 0 },
        { method: 'cash', amount: 65_500, tendered: 70_000, change: 4_500 },
      ],
      paidTotal: 120_000,
      change: 4_500,
    });
  });

  it('applies several cash tenders in order', () => {
    const settled = settlePayments(115_500, [
      { method: 'cash', tendered: 50_000 },
      { method: 'cash', tendered: 100_000 },
    ]);
    expect(settled.payments).toEqual([
      { method: 'cash', amount: 50_000, tendered: 50_000, change: 0 },
      { method: 'cash', amount: 65_500, tendered: 100_000, change: 34_500 },
    ]);
    expect(settled.change).toBe(34_500);
  });

  it('takes a cash amount as the tender when no tendered is given, and settles a zero total', () => {
    expect(settlePayments(10_000, [{ method: 'cash', amount: 10_000 }]).payments).toEqual([
      { method: 'cash', amount: 10_000, tendered: 10_000, change: 0 },
    ]);
    expect(settlePayments(0, [{ method: 'cash', tendered: 0 }]).change).toBe(0);
  });

  it('refuses cash below the amount due: "Uang yang dibayarkan kurang"', () => {
    const error = expectApiError(
      () =>
        settlePayments(115_500, [
          { method: 'card', amount: 15_500 },
          { method: 'cash', tendered: 95_000 },
        ]),
      'UNPROCESSABLE',
      'sales.insufficientPayment',
    );
    expect(error.status).toBe(422);
    expect(error.extensions).toEqual({ total: 115_500, paid: 110_500, shortfall: 5_000 });
    if (!error.detail) throw new Error('no detail');
    expect(translate(error.detail, 'id')).toBe('Uang yang dibayarkan kurang Rp 5.000.');
    expect(translate(error.detail, 'en')).toBe('The amount paid is not enough: Rp 5.000 short.');
  });

  it('refuses non-cash payments short of the total', () => {
    expectApiError(
      () => settlePayments(115_500, [{ method: 'transfer', amount: 115_000 }]),
      'UNPROCESSABLE',
      'sales.insufficientPayment',
    );
  });

  it('refuses non-cash payments above the total (only cash gives change)', () => {
    expectApiError(
      () =>
        settlePayments(100_000, [
          { method: 'qris', amount: 60_000 },
          { method: 'card', amount: 50_000 },
        ]),
      'UNPROCESSABLE',
      'sales.nonCashExceedsTotal',
    );
    expectApiError(
      () => settlePayments(100_000, [{ method: 'card', amount: 100_000, tendered: 110_000 }]),
      'UNPROCESSABLE',
      'sales.nonCashChange',
    );
  });

  it.each<[string, number, TenderInput[], MessageKey]>([
    [
      'a non-cash payment without amount',
      1_000,
      [{ method: 'qris' }],
      'sales.paymentAmountRequired',
    ],
    ['a cash payment without tender', 1_000, [{ method: 'cash' }], 'sales.paymentAmountRequired'],
    ['a negative amount', 1_000, [{ method: 'card', amount: -1 }], 'sales.invalidAmount'],
    ['a fractional tender', 1_000, [{ method: 'cash', tendered: 1_000.5 }], 'sales.invalidAmount'],
    ['a negative total', -1, [{ method: 'cash', tendered: 0 }], 'sales.invalidAmount'],
  ])('refuses %s with 400', (_name, total, payments, key) => {
    expectApiError(() => settlePayments(total, payments), 'VALIDATION_FAILED', key);
  });
});

describe('priceSale and settlePayments: properties over random carts and settings', () => {
  const methods = ['cash', 'qris', 'card', 'transfer', 'ewallet'] as const;
  const step = fc.constantFrom(0, 100, 500, 1000);
  const settingsArbitrary = fc.record({
    taxRegime: fc.constantFrom<TaxRegime>('none', 'ppn', 'pbjt'),
    taxRateBasisPoints: fc.oneof(
      fc.constantFrom(0, 1000, 1100, 1200),
      fc.integer({ min: 0, max: 10_000 }),
    ),
    serviceChargeBasisPoints: fc.oneof(
      fc.constantFrom(0, 500, 1000),
      fc.integer({ min: 0, max: 10_000 }),
    ),
    serviceChargeTaxable: fc.boolean(),
    pricesIncludeTax: fc.boolean(),
    cashRoundingStep: step,
    nonCashRoundingStep: step,
  });
  const itemArbitrary = fc
    .record({
      unitPrice: fc.oneof(
        fc.integer({ min: 0, max: 200_000 }),
        fc.integer({ min: 0, max: 50_000_000 }),
      ),
      quantity: fc.integer({ min: 1, max: 50 }),
      discountPermille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
      isTaxable: fc.boolean(),
    })
    .map(({ unitPrice, quantity, discountPermille, isTaxable }) => ({
      unitPrice,
      quantity,
      lineDiscount: Math.floor((unitPrice * quantity * discountPermille) / 1000),
      isTaxable,
    }));
  const saleArbitrary = fc.record({
    settings: settingsArbitrary,
    items: fc.array(itemArbitrary, { minLength: 1, maxLength: 8 }),
    orderDiscountPermille: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1000 })),
    methods: fc.array(fc.constantFrom(...methods), { minLength: 1, maxLength: 3 }),
    nonCashWeights: fc.array(fc.integer({ min: 1, max: 100 }), { minLength: 3, maxLength: 3 }),
    cashPortionPermille: fc.integer({ min: 0, max: 1000 }),
    extraCash: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
  });

  it('adds up, allocates exactly, stays non-negative, rounds within half a step and settles', () => {
    fc.assert(
      fc.property(saleArbitrary, (sale) => {
        const netSubtotal = sale.items.reduce(
          (sum, item) => sum + item.unitPrice * item.quantity - item.lineDiscount,
          0,
        );
        const orderDiscount = Math.floor((netSubtotal * sale.orderDiscountPermille) / 1000);
        const payments = sale.methods.map((method) => ({ method }));
        const priced = priceSale({
          settings: sale.settings,
          items: sale.items,
          orderDiscount,
          payments,
        });
        const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

        // The receipt reads straight down.
        expect(
          priced.subtotal -
            priced.discountTotal +
            priced.serviceCharge +
            (priced.taxIncluded ? 0 : priced.taxTotal) +
            priced.rounding,
        ).toBe(priced.total);
        expect(priced.amountBeforeRounding + priced.rounding).toBe(priced.total);
        // Every allocation adds up exactly.
        expect(sum(priced.lines.map((line) => line.gross))).toBe(priced.subtotal);
        expect(sum(priced.lines.map((line) => line.lineDiscount))).toBe(priced.lineDiscountTotal);
        expect(sum(priced.lines.map((line) => line.orderDiscountShare))).toBe(orderDiscount);
        expect(sum(priced.lines.map((line) => line.serviceChargeShare))).toBe(priced.serviceCharge);
        expect(sum(priced.lines.map((line) => line.taxableBase))).toBe(priced.taxableBase);
        expect(sum(priced.lines.map((line) => line.taxAmount))).toBe(priced.taxTotal);
        expect(priced.discountTotal).toBe(priced.lineDiscountTotal + orderDiscount);
        // Nothing negative but the rounding line.
        for (const line of priced.lines) {
          for (const value of Object.values(line)) {
            if (typeof value === 'number') expect(value).toBeGreaterThanOrEqual(0);
          }
          expect(line.net).toBe(line.gross - line.lineDiscount);
          expect(line.base).toBe(line.net - line.orderDiscountShare);
          if (!line.isTaxable) expect(line.taxAmount).toBe(0);
        }
        for (const key of [
          'subtotal',
          'discountTotal',
          'serviceCharge',
          'taxTotal',
          'total',
        ] as const) {
          expect(priced[key]).toBeGreaterThanOrEqual(0);
        }
        // Tax: zero without a regime; otherwise rounded once from the exact rational value.
        const rate = sale.settings.taxRegime === 'none' ? 0 : sale.settings.taxRateBasisPoints;
        if (rate === 0) expect(priced.taxTotal).toBe(0);
        if (!priced.taxIncluded) {
          expect(
            Math.abs(priced.taxTotal * 10_000 - priced.taxableBase * rate),
          ).toBeLessThanOrEqual(5_000);
        } else {
          const base = priced.taxableBase - priced.taxTotal;
          expect(
            Math.abs(base * (10_000 + rate) - priced.taxableBase * 10_000),
          ).toBeLessThanOrEqual((10_000 + rate) / 2);
        }
        // Rounding: the right step, a multiple of it, within half a step.
        const expectedStep = sale.methods.includes('cash')
          ? sale.settings.cashRoundingStep
          : sale.settings.nonCashRoundingStep;
        expect(priced.roundingStep).toBe(expectedStep);
        expect(Math.abs(priced.rounding) * 2).toBeLessThanOrEqual(expectedStep);
        if (expectedStep > 0) expect(priced.total % expectedStep).toBe(0);

        // Settling: non-cash tenders pay part (all, without cash), cash the rest plus change.
        const total = priced.total;
        const hasCash = sale.methods.includes('cash');
        const nonCashMethods = sale.methods.filter((method) => method !== 'cash');
        let nonCashTotal = total;
        if (nonCashMethods.length === 0) nonCashTotal = 0;
        else if (hasCash) {
          nonCashTotal = Math.floor((total * (1000 - sale.cashPortionPermille)) / 1000);
        }
        const weights = nonCashMethods.map((_, index) => sale.nonCashWeights[index] ?? 1);
        const nonCashParts = allocate(nonCashTotal, weights);
        const cashCount = sale.methods.length - nonCashMethods.length;
        const cashHanded = total - nonCashTotal + sale.extraCash;
        let nonCashIndex = 0;
        let cashIndex = 0;
        const tenders: TenderInput[] = sale.methods.map((method) => {
          if (method !== 'cash') return { method, amount: nonCashParts[nonCashIndex++] ?? 0 };
          cashIndex += 1;
          // The whole cash tender on the last cash payment, 0 on any earlier ones.
          return { method, tendered: cashIndex === cashCount ? cashHanded : 0 };
        });
        const settled = settlePayments(total, tenders);
        const change = hasCash ? sale.extraCash : 0;
        expect(settled.change).toBe(change);
        expect(settled.paidTotal).toBe(total + change);
        expect(sum(settled.payments.map((payment) => payment.amount))).toBe(total);
        expect(sum(settled.payments.map((payment) => payment.change))).toBe(change);
        for (const payment of settled.payments) {
          expect(payment.amount).toBeGreaterThanOrEqual(0);
          expect(payment.change).toBeGreaterThanOrEqual(0);
          if (payment.method === 'cash') {
            expect(payment.tendered).toBe(payment.amount + payment.change);
          } else {
            expect(payment.change).toBe(0);
          }
        }
        // One rupiah less than due (no change, one rupiah off a tender) is refused.
        if (total > 0) {
          let missing = 1;
          const short = tenders.map((tender): TenderInput => {
            if (tender.method === 'cash') {
              const exact = Math.max(0, (tender.tendered ?? 0) - change);
              const taken = Math.min(missing, exact);
              missing -= taken;
              return { ...tender, tendered: exact - taken };
            }
            const taken = Math.min(missing, tender.amount ?? 0);
            missing -= taken;
            return { ...tender, amount: (tender.amount ?? 0) - taken };
          });
          expectApiError(
            () => settlePayments(total, short),
            'UNPROCESSABLE',
            'sales.insufficientPayment',
          );
        }
      }),
      { numRuns: 500 },
    );
  });
});

/** Largest-remainder split used to build tenders (independent of the module under test). */
function allocate(amount: number, weights: number[]): number[] {
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  if (totalWeight === 0) return weights.map(() => 0);
  const parts = weights.map((weight) => Math.floor((amount * weight) / totalWeight));
  let left = amount - parts.reduce((a, b) => a + b, 0);
  for (let index = 0; left > 0; index = (index + 1) % parts.length, left -= 1) {
    parts[index] = (parts[index] ?? 0) + 1;
  }
  return parts;
}
