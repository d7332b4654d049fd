import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderShiftReport } from '../../src/services/receipts/render';
import type { ShiftReport } from '../../src/services/shifts/shift-report';
import { linesLongerThan } from './fixtures';

/**
 * A closed (Z) shift at a café in Bali (WITA): two tax regimes in one shift, tenders in cash,
 * QRIS and card, a refund and a void paid back in cash, a pay-in and a pay-out, the drawer
 * counted Rp 5.000 short, and 3 of the 45 sales the till made not uploaded yet. The figures add
 * up: 1.200.000 − 25.000 + 58.800 + 12.000 + 4.250 − 50 = 1.250.000; expected cash 300.000 +
 * 500.000 − 35.000 − 20.000 + 100.000 − 65.000 = 780.000.
 */
function closedShift(overrides: Partial<ShiftReport> = {}): ShiftReport {
  return {
    kind: 'Z',
    shift: {
      id: '0193a000-0000-7000-8000-000000000001',
      storeId: '0193a000-0000-7000-8000-000000000002',
      device: { key: 'device-key', name: 'Kasir Depan' },
      status: 'closed',
      businessDate: '2026-11-25',
      openedAt: '2026-11-25T00:00:00.000Z',
      openedBy: { id: '0193a000-0000-7000-8000-000000000003', name: 'Wayan' },
      openingCash: 300_000,
      closedAt: '2026-11-25T09:30:00.000Z',
      closedBy: { id: '0193a000-0000-7000-8000-000000000004', name: 'Komang' },
      closure: 'counted',
      countedCash: 775_000,
      expectedCashAtClose: 780_000,
      denominations: null,
      closeNote: null,
      reportedSalesCount: 45,
      flags: [],
      approvals: [],
      version: 2,
      createdAt: '2026-11-25T00:00:00.000Z',
      updatedAt: '2026-11-25T09:30:00.000Z',
    },
    business: {
      name: 'Kopi Kita',
      legalName: 'PT Kopi Kita Nusantara',
      npwp: '01.234.567.8-901.000',
    },
    store: {
      id: '0193a000-0000-7000-8000-000000000002',
      code: 'UBD',
      name: 'Kopi Kita Ubud',
      timezone: 'Asia/Makassar',
      zone: 'WITA',
    },
    sales: {
      count: 42,
      gross: 1_200_000,
      discounts: 25_000,
      serviceCharge: 58_800,
      tax: 16_250,
      rounding: -50,
      total: 1_250_000,
    },
    taxes: [
      { regime: 'pbjt', rateBasisPoints: 1_000, amount: 12_000, count: 30 },
      { regime: 'ppn', rateBasisPoints: 1_100, amount: 4_250, count: 12 },
    ],
    refunds: { count: 1, amount: 35_000 },
    voids: { count: 1, amount: 20_000 },
    payments: [
      { method: 'card', amount: 300_000 },
      { method: 'cash', amount: 500_000 },
      { method: 'qris', amount: 450_000 },
    ],
    netByMethod: [
      { method: 'card', amount: 300_000 },
      { method: 'cash', amount: 445_000 },
      { method: 'qris', amount: 450_000 },
    ],
    cash: {
      opening: 300_000,
      sales: 500_000,
      refunds: 35_000,
      voids: 20_000,
      payIns: 100_000,
      payOuts: 65_000,
      expected: 780_000,
      counted: 775_000,
      difference: -5_000,
    },
    movements: [
      {
        id: '0193a000-0000-7000-8000-000000000005',
        kind: 'pay_in',
        amount: 100_000,
        reason: 'Uang kembalian dari bank',
        occurredAt: '2026-11-25T01:15:00.000Z',
        createdBy: { id: '0193a000-0000-7000-8000-000000000003', name: 'Wayan' },
        flags: [],
      },
      {
        id: '0193a000-0000-7000-8000-000000000006',
        kind: 'pay_out',
        amount: 65_000,
        reason:
          'Beli es batu dan gula aren di Pasar Ubud karena stok habis sebelum jam makan siang',
        occurredAt: '2026-11-25T04:40:00.000Z',
        createdBy: { id: '0193a000-0000-7000-8000-000000000003', name: 'Wayan' },
        flags: [],
      },
    ],
    salesLanded: { landed: 42, reported: 45, complete: false },
    generatedAt: '2026-11-25T09:45:00.000Z',
    ...overrides,
  };
}

/** The same shift while still open (X): no close, no count, nothing to compare uploads with. */
function openShift(): ShiftReport {
  const report = closedShift();
  return {
    ...report,
    kind: 'X',
    shift: {
      ...report.shift,
      status: 'open',
      closedAt: null,
      closedBy: null,
      closure: null,
      countedCash: null,
      expectedCashAtClose: null,
      reportedSalesCount: null,
      version: 1,
    },
    cash: { ...report.cash, counted: null, difference: null },
    salesLanded: { landed: 42, reported: null, complete: null },
  };
}

const text32 = { format: 'text', width: 32 } as const;
const text48 = { format: 'text', width: 48 } as const;

describe('shift report as text', () => {
  it('prints the Z report on 58 mm paper (32 columns)', async () => {
    const text = await renderShiftReport(undefined, closedShift(), text32);
    expect(linesLongerThan(text, 32)).toEqual([]);
    expect(text).toBe(
      [
        '           Kopi Kita',
        '         Kopi Kita Ubud',
        '   NPWP 01.234.567.8-901.000',
        '================================',
        '       LAPORAN SHIFT (Z)',
        '================================',
        'Perangkat            Kasir Depan',
        'Dibuka    25/11/2026, 08.00 WITA',
        'Oleh                       Wayan',
        'Ditutup   25/11/2026, 17.30 WITA',
        'Oleh                      Komang',
        'Tanggal bisnis        25/11/2026',
        '--------------------------------',
        'PENJUALAN',
        'Jumlah transaksi              42',
        'Penjualan kotor     Rp 1.200.000',
        'Diskon                -Rp 25.000',
        'Biaya layanan          Rp 58.800',
        'PBJT 10%               Rp 12.000',
        'PPN 11%                 Rp 4.250',
        'Pembulatan                -Rp 50',
        'Total penjualan     Rp 1.250.000',
        'Refund (1 trx)        -Rp 35.000',
        'Void (1 trx)          -Rp 20.000',
        '--------------------------------',
        'PEMBAYARAN',
        'Kartu                 Rp 300.000',
        'Tunai                 Rp 500.000',
        'QRIS                  Rp 450.000',
        'Bersih per metode',
        '  Kartu               Rp 300.000',
        '  Tunai               Rp 445.000',
        '  QRIS                Rp 450.000',
        '--------------------------------',
        'KAS',
        'Kas awal              Rp 300.000',
        'Penjualan tunai       Rp 500.000',
        'Refund tunai          -Rp 35.000',
        'Void tunai            -Rp 20.000',
        'Kas masuk             Rp 100.000',
        'Kas keluar            -Rp 65.000',
        'Kas seharusnya        Rp 780.000',
        'Kas terhitung         Rp 775.000',
        'Selisih                -Rp 5.000',
        '--------------------------------',
        'KAS MASUK/KELUAR',
        'Masuk                 Rp 100.000',
        '  Uang kembalian dari bank',
        '  25/11/2026, 09.15 WITA   Wayan',
        'Keluar                -Rp 65.000',
        '  Beli es batu dan gula aren di',
        '  Pasar Ubud karena stok habis',
        '  sebelum jam makan siang',
        '  25/11/2026, 12.40 WITA   Wayan',
        '********************************',
        'PERHATIAN: 42 dari 45 transaksi',
        '         sudah terkirim',
        '********************************',
        'Dicetak   25/11/2026, 17.45 WITA',
        '--------------------------------',
        '          Terima kasih',
        '',
      ].join('\n'),
    );
  });

  it('prints the Z report on 80 mm paper (48 columns)', async () => {
    const text = await renderShiftReport(undefined, closedShift(), text48);
    expect(linesLongerThan(text, 48)).toEqual([]);
    const lines = text.split('\n');
    expect(lines).toContain('               LAPORAN SHIFT (Z)');
    expect(lines).toContain('Total penjualan                     Rp 1.250.000');
    expect(lines).toContain('Selisih                                -Rp 5.000');
    expect(lines).toContain('Ditutup                   25/11/2026, 17.30 WITA');
    expect(lines).toContain(' PERHATIAN: 42 dari 45 transaksi sudah terkirim');
    expect(lines).toContain('  Beli es batu dan gula aren di Pasar Ubud');
    expect(text).not.toContain('Belum ditutup');
    expect(text).not.toContain('Ditutup paksa');
    expect(text.endsWith('Terima kasih\n')).toBe(true);
  });

  it('prints the X report of an open shift without close, count or upload check', async () => {
    for (const options of [text32, text48]) {
      const text = await renderShiftReport(undefined, openShift(), options);
      expect(linesLongerThan(text, options.width)).toEqual([]);
      expect(text).toContain('LAPORAN SHIFT (X)');
      expect(text).not.toContain('(Z)');
      expect(text).toContain('Belum ditutup');
      expect(text).not.toMatch(/^Ditutup/m);
      expect(text).toMatch(/^Dibuka +25\/11\/2026, 08\.00 WITA$/m);
      expect(text).toMatch(/^Kas seharusnya +Rp 780\.000$/m);
      expect(text).not.toContain('Kas terhitung');
      expect(text).not.toContain('Selisih');
      expect(text).not.toContain('PERHATIAN');
      expect(text).not.toContain('transaksi terkirim');
    }
  });

  it('says when the shift was force-closed', async () => {
    const report = closedShift();
    report.shift.closure = 'forced';
    report.shift.closedBy = { id: '0193a000-0000-7000-8000-000000000007', name: 'Bu Ketut' };
    const text = await renderShiftReport(undefined, report, text32);
    expect(text).toContain(['Oleh                    Bu Ketut', 'Ditutup paksa'].join('\n'));
  });

  it('confirms when every sale the till reported has landed', async () => {
    const text = await renderShiftReport(
      undefined,
      closedShift({ salesLanded: { landed: 45, reported: 45, complete: true } }),
      text32,
    );
    expect(text).toContain('  Semua 45 transaksi terkirim');
    expect(text).not.toContain('PERHATIAN');
  });

  it('signs a surplus and leaves out what is zero', async () => {
    const report = closedShift();
    report.cash = { ...report.cash, counted: 785_000, difference: 5_000, voids: 0 };
    report.sales = { ...report.sales, discounts: 0, serviceCharge: 0, rounding: 0 };
    report.movements = [];
    const text = await renderShiftReport(undefined, report, text32);
    expect(text).toMatch(/^Selisih +\+Rp 5\.000$/m);
    // A zero taken out of the drawer is no "-Rp 0".
    expect(text).toMatch(/^Void tunai +Rp 0$/m);
    expect(text).not.toContain('-Rp 0');
    expect(text).not.toMatch(/^(Diskon|Biaya layanan|Pembulatan) /m);
    expect(text).not.toContain('KAS MASUK/KELUAR');
  });

  it("uses the company's header, footer and NPWP switch, never its receipt bodies", async () => {
    const text = await renderShiftReport(
      {
        header: 'Cabang {{ store.code }} - {{ store.name }}',
        footer: 'Laporan internal {{ business.name }}\nSimpan bersama uang setoran',
        showNpwp: false,
        text: 'BADAN STRUK KHUSUS {{ business.name }}',
        html: '<p>BADAN STRUK KHUSUS</p>',
      },
      closedShift(),
      text32,
    );
    expect(linesLongerThan(text, 32)).toEqual([]);
    expect(text).toContain(
      ['         Kopi Kita Ubud', '  Cabang UBD - Kopi Kita Ubud', '====='].join('\n'),
    );
    expect(text).not.toContain('NPWP');
    expect(text).not.toContain('BADAN STRUK KHUSUS');
    expect(text).toContain('LAPORAN SHIFT (Z)');
    expect(text).toContain(
      [
        '--------------------------------',
        '   Laporan internal Kopi Kita',
        '  Simpan bersama uang setoran',
        '',
      ].join('\n'),
    );
    expect(text).not.toContain('Terima kasih');
  });

  it('prints nothing for a receipt-only variable in the header instead of failing', async () => {
    const text = await renderShiftReport(
      { header: 'Shift {{ store.code }}{{ transaction.number }}', footer: '{{ store.address }}' },
      closedShift(),
      text32,
    );
    expect(text).toContain('\n           Shift UBD\n');
    expect(text.endsWith('Dicetak   25/11/2026, 17.45 WITA\n')).toBe(true);
  });

  it('never lets a line exceed the width, whatever the names and reasons', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 0, maxLength: 120 }), { minLength: 6, maxLength: 6 }),
        fc.constantFrom(32 as const, 48 as const),
        fc.boolean(),
        async ([business, store, device, opener, closer, reason], width, open) => {
          const report = open ? openShift() : closedShift();
          report.business.name = business ?? '';
          report.store.name = store ?? '';
          report.shift.device.name = device ?? '';
          report.shift.openedBy.name = opener ?? '';
          if (report.shift.closedBy) report.shift.closedBy.name = closer ?? '';
          report.movements = report.movements.map((movement) => ({
            ...movement,
            reason: reason ?? '',
            createdBy: { ...movement.createdBy, name: opener ?? '' },
          }));
          report.sales = { ...report.sales, total: 123_456_789_012 };
          const text = await renderShiftReport({ header: '{{ store.name }}' }, report, {
            format: 'text',
            width,
          });
          expect(linesLongerThan(text, width)).toEqual([]);
          expect(text).toContain('Rp 123.456.789.012');
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('shift report as HTML', () => {
  it('renders the Z report with the same figures', async () => {
    const html = await renderShiftReport(undefined, closedShift(), { format: 'html', width: 32 });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('.receipt { width: 58mm;');
    expect(html).toContain('<div class="title">LAPORAN SHIFT (Z)</div>');
    expect(html).toContain(
      '<tr><td>Ditutup</td><td class="amount">25/11/2026, 17.30 WITA</td></tr>',
    );
    expect(html).toContain(
      '<tr class="total"><td>Total penjualan</td><td class="amount">Rp 1.250.000</td></tr>',
    );
    expect(html).toContain('<tr><td>PBJT 10%</td><td class="amount">Rp 12.000</td></tr>');
    expect(html).toContain('<tr><td>PPN 11%</td><td class="amount">Rp 4.250</td></tr>');
    expect(html).toContain('<tr><td>QRIS</td><td class="amount">Rp 450.000</td></tr>');
    expect(html).toContain(
      '<tr class="detail"><td>Tunai</td><td class="amount">Rp 445.000</td></tr>',
    );
    expect(html).toContain(
      '<tr class="total"><td>Kas seharusnya</td><td class="amount">Rp 780.000</td></tr>',
    );
    expect(html).toContain(
      '<tr class="total"><td>Selisih</td><td class="amount">-Rp 5.000</td></tr>',
    );
    expect(html).toContain(
      '<div class="warning">PERHATIAN: 42 dari 45 transaksi sudah terkirim</div>',
    );
    expect(html).not.toContain('Belum ditutup');
  });

  it('renders the X report on 80 mm paper', async () => {
    const html = await renderShiftReport(undefined, openShift(), { format: 'html', width: 48 });
    expect(html).toContain('.receipt { width: 80mm;');
    expect(html).toContain('<div class="title">LAPORAN SHIFT (X)</div>');
    expect(html).toContain('<div class="center">Belum ditutup</div>');
    expect(html).not.toContain('Selisih');
    expect(html).not.toContain('PERHATIAN');
  });

  it('escapes every value, reasons and header lines included', async () => {
    const report = closedShift();
    report.movements = report.movements.map((movement) => ({
      ...movement,
      reason: '<script>alert(1)</script>',
    }));
    report.shift.device.name = 'Kasir "A" & B';
    const html = await renderShiftReport(
      { header: '<img src=x onerror=alert(2)>', html: '<script>bad()</script>' },
      report,
      { format: 'html', width: 32 },
    );
    expect(html).toContain(
      '<tr class="detail"><td colspan="2">&lt;script&gt;alert(1)&lt;/script&gt;</td></tr>',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('<div>&lt;img src=x onerror=alert(2)&gt;</div>');
    expect(html).not.toContain('<img');
    expect(html).toContain('Kasir &#34;A&#34; &amp; B');
    expect(html).toContain('-Rp 5.000');
  });
});
