import type { ReceiptData } from './receipt-data';

/**
 * A realistic café sale in Bali, for previews and for checking templates: two iced coffees and a
 * croissant, 5% service charge, PBJT 10% on subtotal + service, cash rounded to Rp 100, change.
 * 58.000 + 2.900 service = 60.900; PBJT 6.090; 66.990 rounded to 67.000; paid 100.000.
 */
export function sampleReceiptData(): ReceiptData {
  return {
    business: {
      name: 'Kopi Kita',
      legalName: 'PT Kopi Kita Nusantara',
      npwp: '01.234.567.8-901.000',
    },
    store: {
      code: 'UBD',
      name: 'Kopi Kita Ubud',
      address: 'Jl. Raya Ubud No. 12, Gianyar, Bali',
      phone: '0361 975 123',
      timezone: 'Asia/Makassar',
    },
    transaction: {
      number: 'UBD-20261125-0042',
      status: 'completed',
      createdAt: new Date('2026-11-25T06:05:00Z'),
      businessDate: '2026-11-25',
      cashierName: 'Wayan',
      note: null,
    },
    items: [
      {
        productName: 'Es Kopi Susu',
        variantName: 'Es Kopi Susu',
        quantity: 2,
        unitPrice: 18_000,
        modifiers: [
          { name: 'Less sugar', priceDelta: 0 },
          { name: 'Extra shot', priceDelta: 5_000 },
        ],
        modifierUnitTotal: 5_000,
        lineDiscount: 0,
        lineTotal: 46_000,
      },
      {
        productName: 'Croissant',
        variantName: 'Croissant',
        quantity: 1,
        unitPrice: 22_000,
        modifiers: [],
        modifierUnitTotal: 0,
        lineDiscount: 0,
        lineTotal: 22_000,
      },
    ],
    totals: {
      subtotal: 68_000,
      discountTotal: 0,
      serviceCharge: 3_400,
      serviceChargeBasisPoints: 500,
      taxRegime: 'pbjt',
      taxRateBasisPoints: 1_000,
      taxTotal: 7_140,
      pricesIncludeTax: false,
      rounding: -40,
      total: 78_500,
      paidTotal: 78_500,
      change: 21_500,
    },
    payments: [
      {
        method: 'cash',
        amount: 78_500,
        tendered: 100_000,
        change: 21_500,
        externalReference: null,
      },
    ],
    voided: null,
  };
}
