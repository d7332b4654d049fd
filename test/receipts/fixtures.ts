import type { ReceiptData } from '../../src/services/receipts/receipt-data';

/**
 * A retail sale at a PKP minimarket in Jakarta: prices include PPN 11%, a line discount and a
 * sale discount, split between QRIS and cash, with a note. Fixed, so renderings can be compared
 * character for character.
 */
export function retailSale(overrides: Partial<ReceiptData> = {}): ReceiptData {
  return {
    business: {
      name: 'Toko Sumber Rejeki',
      legalName: 'PT Sumber Rejeki Abadi',
      npwp: '09.876.543.2-109.000',
    },
    store: {
      code: 'JKT1',
      name: 'Sumber Rejeki Kemang',
      address: 'Jl. Kemang Raya No. 8, Jakarta Selatan',
      phone: null,
      timezone: 'Asia/Jakarta',
    },
    transaction: {
      number: 'JKT1-20261125-0007',
      status: 'completed',
      createdAt: new Date('2026-11-25T02:30:00Z'),
      businessDate: '2026-11-25',
      cashierName: 'Siti Rahmawati',
      note: null,
    },
    items: [
      {
        productName: 'Beras Premium 5 kg',
        variantName: 'Beras Premium 5 kg',
        quantity: 1,
        unitPrice: 78_500,
        modifiers: [],
        modifierUnitTotal: 0,
        lineDiscount: 5_000,
        lineTotal: 73_500,
      },
      {
        productName: 'Minyak Goreng',
        variantName: 'Minyak Goreng (2 L, Pouch Isi Ulang Hemat)',
        quantity: 2,
        unitPrice: 36_000,
        modifiers: [],
        modifierUnitTotal: 0,
        lineDiscount: 0,
        lineTotal: 72_000,
      },
      {
        productName: 'Teh',
        variantName: '',
        quantity: 3,
        unitPrice: 4_500,
        modifiers: [],
        modifierUnitTotal: 0,
        lineDiscount: 0,
        lineTotal: 13_500,
      },
    ],
    totals: {
      subtotal: 159_000,
      discountTotal: 9_000,
      serviceCharge: 0,
      serviceChargeBasisPoints: 0,
      taxRegime: 'ppn',
      taxRateBasisPoints: 1_100,
      taxTotal: 14_865,
      pricesIncludeTax: true,
      rounding: 0,
      total: 150_000,
      paidTotal: 150_000,
      change: 0,
    },
    payments: [
      {
        method: 'qris',
        amount: 100_000,
        tendered: null,
        change: 0,
        externalReference: 'QR-8812345',
      },
      { method: 'cash', amount: 50_000, tendered: 50_000, change: 0, externalReference: null },
    ],
    voided: null,
    ...overrides,
  };
}

export function linesLongerThan(text: string, width: number): string[] {
  return text.split('\n').filter((line) => Array.from(line).length > width);
}
