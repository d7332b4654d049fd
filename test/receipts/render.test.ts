import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  datetime,
  fitToWidth,
  percent,
  row,
  rupiah,
  taxLine,
  wrapLines,
  zone,
} from '../../src/services/receipts/filters';
import { checkTemplate, renderReceipt } from '../../src/services/receipts/render';
import { sampleReceiptData } from '../../src/services/receipts/sample-data';
import { linesLongerThan, retailSale } from './fixtures';

describe('receipt filters', () => {
  it('formats rupiah the id-ID way, with a plain space', () => {
    expect(rupiah(15_000)).toBe('Rp 15.000');
    expect(rupiah(1_234_567)).toBe('Rp 1.234.567');
    expect(rupiah(0)).toBe('Rp 0');
    expect(rupiah(-5_000)).toBe('-Rp 5.000');
  });

  it('shows basis points as percentages with a decimal comma', () => {
    expect(percent(1_000)).toBe('10%');
    expect(percent(1_100)).toBe('11%');
    expect(percent(550)).toBe('5,5%');
    expect(percent(125)).toBe('1,25%');
  });

  it('shows store-local time with WIB, WITA or WIT', () => {
    const instant = new Date('2026-11-25T06:05:00Z');
    expect(datetime(instant, 'Asia/Jakarta')).toBe('25/11/2026, 13.05 WIB');
    expect(datetime(instant, 'Asia/Pontianak')).toBe('25/11/2026, 13.05 WIB');
    expect(datetime(instant, 'Asia/Makassar')).toBe('25/11/2026, 14.05 WITA');
    expect(datetime(instant, 'Asia/Jayapura')).toBe('25/11/2026, 15.05 WIT');
    // Past midnight in Papua while it is still the old year in UTC.
    expect(datetime(new Date('2026-12-31T17:30:00Z'), 'Asia/Jayapura')).toBe(
      '01/01/2027, 02.30 WIT',
    );
    expect(zone('Asia/Makassar')).toBe('WITA');
  });

  it('names the tax line by regime, rate and inclusiveness', () => {
    expect(taxLine({ taxRegime: 'pbjt', taxRateBasisPoints: 1_000, pricesIncludeTax: false })).toBe(
      'PBJT 10%',
    );
    expect(taxLine({ taxRegime: 'ppn', taxRateBasisPoints: 1_100, pricesIncludeTax: true })).toBe(
      'PPN 11% (termasuk)',
    );
  });

  it('lays out rows of exactly the width, wrapping what does not fit', () => {
    expect(row('Subtotal', 'Rp 58.000', 32)).toBe('Subtotal               Rp 58.000');
    expect(row('Biaya layanan yang sangat panjang sekali', 'Rp 2.900', 20)).toBe(
      ['Biaya layanan yang', 'sangat panjang', 'sekali      Rp 2.900'].join('\n'),
    );
    expect(wrapLines('  abcdefghij', 8)).toEqual(['  abcdef', '  ghij']);
    expect(
      fitToWidth('x'.repeat(70), 32)
        .split('\n')
        .map((line) => line.length),
    ).toEqual([32, 32, 6]);
  });

  it('never lets a text line exceed the width, whatever the names', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 0, maxLength: 120 }), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(32 as const, 48 as const),
        async (names, width) => {
          const data = retailSale();
          data.items = names.map((name, index) => ({
            productName: name,
            variantName: name,
            quantity: index + 1,
            unitPrice: 1_000_000 * (index + 1),
            modifiers: [],
            modifierUnitTotal: 0,
            lineDiscount: 0,
            lineTotal: 1_000_000 * (index + 1) * (index + 1),
          }));
          data.transaction.note = names.join(' ');
          // The header is a template snippet (checked when it is saved); names are data and may be anything.
          const header = names[0]?.replace(/[{}]/g, '');
          const text = await renderReceipt({ header }, data, { format: 'text', width });
          expect(linesLongerThan(text, width)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('default text receipt', () => {
  it('prints the café sale on 58 mm paper (32 columns)', async () => {
    const text = await renderReceipt(undefined, sampleReceiptData(), {
      format: 'text',
      width: 32,
    });
    expect(linesLongerThan(text, 32)).toEqual([]);
    expect(text).toBe(
      [
        '           Kopi Kita',
        '         Kopi Kita Ubud',
        ' Jl. Raya Ubud No. 12, Gianyar,',
        '              Bali',
        '       Telp. 0361 975 123',
        '   NPWP 01.234.567.8-901.000',
        '--------------------------------',
        'No.            UBD-20261125-0042',
        'Waktu     25/11/2026, 14.05 WITA',
        'Kasir                      Wayan',
        '--------------------------------',
        'Es Kopi Susu',
        '  + Less sugar',
        '  + Extra shot          Rp 5.000',
        '  2 x Rp 23.000        Rp 46.000',
        'Croissant',
        '  1 x Rp 22.000        Rp 22.000',
        '--------------------------------',
        'Subtotal               Rp 68.000',
        'Biaya layanan 5%        Rp 3.400',
        'PBJT 10%                Rp 7.140',
        'Pembulatan                -Rp 40',
        '--------------------------------',
        'TOTAL                  Rp 78.500',
        'Tunai                 Rp 100.000',
        'Kembalian              Rp 21.500',
        '--------------------------------',
        '          Terima kasih',
        '',
      ].join('\n'),
    );
  });

  it('prints the PPN-inclusive retail sale on 80 mm paper (48 columns)', async () => {
    const text = await renderReceipt(
      {
        header: 'Buka 07.00–22.00\nIG @sumberrejeki',
        footer: 'Terima kasih\nBarang yang sudah dibeli tidak dapat ditukar',
      },
      retailSale(),
      { format: 'text', width: 48 },
    );
    expect(linesLongerThan(text, 48)).toEqual([]);
    expect(text).toBe(
      [
        '               Toko Sumber Rejeki',
        '              Sumber Rejeki Kemang',
        '     Jl. Kemang Raya No. 8, Jakarta Selatan',
        '           NPWP 09.876.543.2-109.000',
        '                Buka 07.00–22.00',
        '                IG @sumberrejeki',
        '------------------------------------------------',
        'No.                           JKT1-20261125-0007',
        'Waktu                      25/11/2026, 09.30 WIB',
        'Kasir                             Siti Rahmawati',
        '------------------------------------------------',
        'Beras Premium 5 kg',
        '  1 x Rp 78.500                        Rp 78.500',
        '  Diskon                               -Rp 5.000',
        'Minyak Goreng (2 L, Pouch Isi Ulang Hemat)',
        '  2 x Rp 36.000                        Rp 72.000',
        'Teh',
        '  3 x Rp 4.500                         Rp 13.500',
        '------------------------------------------------',
        'Subtotal                              Rp 159.000',
        'Diskon                                 -Rp 9.000',
        'PPN 11% (termasuk)                     Rp 14.865',
        '------------------------------------------------',
        'TOTAL                                 Rp 150.000',
        'QRIS                                  Rp 100.000',
        '  Ref: QR-8812345',
        'Tunai                                  Rp 50.000',
        '------------------------------------------------',
        '                  Terima kasih',
        '  Barang yang sudah dibeli tidak dapat ditukar',
        '',
      ].join('\n'),
    );
  });

  it('wraps a long item name on 32 columns and keeps amounts aligned', async () => {
    const text = await renderReceipt(undefined, retailSale(), { format: 'text', width: 32 });
    expect(linesLongerThan(text, 32)).toEqual([]);
    expect(text).toContain(
      ['Minyak Goreng (2 L, Pouch Isi', 'Ulang Hemat)', '  2 x Rp 36.000        Rp 72.000'].join(
        '\n',
      ),
    );
    expect(text).toContain('PPN 11% (termasuk)     Rp 14.865');
  });

  it('hides NPWP and cashier when the template says so', async () => {
    const text = await renderReceipt(
      { showNpwp: false, showCashier: false, footer: '' },
      retailSale(),
      { format: 'text', width: 32 },
    );
    expect(text).not.toContain('NPWP');
    expect(text).not.toContain('Kasir');
    expect(text).not.toContain('Terima kasih');
  });

  it('shows a DIBATALKAN banner on a voided sale', async () => {
    const data = retailSale({
      voided: { at: new Date('2026-11-25T03:00:00Z'), reason: 'Salah input' },
    });
    const text = await renderReceipt(undefined, data, { format: 'text', width: 32 });
    expect(text.split('\n').slice(0, 5)).toEqual([
      '********************************',
      '       *** DIBATALKAN ***',
      '      Alasan: Salah input',
      '     25/11/2026, 10.00 WIB',
      '********************************',
    ]);
    expect(text.trimEnd().endsWith('*** DIBATALKAN ***')).toBe(true);
  });

  it('prints Papua time in WIT', async () => {
    const data = sampleReceiptData();
    data.store.timezone = 'Asia/Jayapura';
    const text = await renderReceipt(undefined, data, { format: 'text', width: 32 });
    expect(text).toContain('Waktu      25/11/2026, 15.05 WIT');
  });

  it('clips a custom body that writes past the paper', async () => {
    const text = await renderReceipt(
      { text: "{{ 40 | rule: 'x' }}\n{{ business.name }}" },
      sampleReceiptData(),
      { format: 'text', width: 32 },
    );
    expect(text).toBe(`${'x'.repeat(32)}\n${'x'.repeat(8)}\nKopi Kita\n`);
  });
});

describe('default HTML receipt', () => {
  it('renders the café sale', async () => {
    const html = await renderReceipt(undefined, sampleReceiptData(), {
      format: 'html',
      width: 32,
    });
    const body = html.slice(html.indexOf('<body>'));
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('.receipt { width: 58mm;');
    expect(body).toMatchInlineSnapshot(`
      "<body>
      <div class="receipt">
      <div class="center">
      <div class="business">Kopi Kita</div>
      <div>Kopi Kita Ubud</div>
      <div>Jl. Raya Ubud No. 12, Gianyar, Bali</div>
      <div>Telp. 0361 975 123</div>
      <div>NPWP 01.234.567.8-901.000</div>
      </div>
      <hr>
      <table>
      <tr><td>No.</td><td class="amount">UBD-20261125-0042</td></tr>
      <tr><td>Waktu</td><td class="amount">25/11/2026, 14.05 WITA</td></tr>
      <tr><td>Kasir</td><td class="amount">Wayan</td></tr>
      </table>
      <hr>
      <table class="items">
      <tr><td colspan="2">Es Kopi Susu</td></tr>
      <tr class="detail"><td>+ Less sugar</td><td class="amount"></td></tr>
      <tr class="detail"><td>+ Extra shot</td><td class="amount">Rp 5.000</td></tr>
      <tr class="detail"><td>2 &times; Rp 23.000</td><td class="amount">Rp 46.000</td></tr>
      <tr><td colspan="2">Croissant</td></tr>
      <tr class="detail"><td>1 &times; Rp 22.000</td><td class="amount">Rp 22.000</td></tr>
      </table>
      <hr>
      <table class="totals">
      <tr><td>Subtotal</td><td class="amount">Rp 68.000</td></tr>
      <tr><td>Biaya layanan 5%</td><td class="amount">Rp 3.400</td></tr>
      <tr><td>PBJT 10%</td><td class="amount">Rp 7.140</td></tr>
      <tr><td>Pembulatan</td><td class="amount">-Rp 40</td></tr>
      <tr class="total"><td>TOTAL</td><td class="amount">Rp 78.500</td></tr>
      </table>
      <hr>
      <table class="payments">
      <tr><td>Tunai</td><td class="amount">Rp 100.000</td></tr>
      <tr><td>Kembalian</td><td class="amount">Rp 21.500</td></tr>
      </table>
      <hr>
      <div class="center footer">
      <div>Terima kasih</div>
      </div>
      </div>
      </body>
      </html>
      "
    `);
  });

  it('uses 80 mm paper for 48 columns and labels inclusive PPN', async () => {
    const html = await renderReceipt(undefined, retailSale(), { format: 'html', width: 48 });
    expect(html).toContain('.receipt { width: 80mm;');
    expect(html).toContain('<tr><td>PPN 11% (termasuk)</td><td class="amount">Rp 14.865</td></tr>');
    expect(html).toContain('<tr><td>QRIS<small> (QR-8812345)</small></td>');
    expect(html).toContain('25/11/2026, 09.30 WIB');
  });

  it('escapes every value, names and header lines included', async () => {
    const data = retailSale();
    data.items = data.items.map((item, index) =>
      index === 0 ? { ...item, variantName: '<script>alert(1)</script>' } : item,
    );
    data.business.name = 'Tom & Jerry "Cafe"';
    const html = await renderReceipt({ header: '<img src=x onerror=alert(2)>' }, data, {
      format: 'html',
      width: 32,
    });
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('Tom &amp; Jerry &#34;Cafe&#34;');
  });

  it('shows a DIBATALKAN banner on a voided sale', async () => {
    const data = sampleReceiptData();
    data.store.timezone = 'Asia/Makassar';
    data.voided = { at: new Date('2026-11-25T07:00:00Z'), reason: 'Pelanggan batal' };
    const html = await renderReceipt(undefined, data, { format: 'html', width: 32 });
    expect(html).toContain('<div class="receipt voided">');
    expect(html).toContain(
      '<div class="void">DIBATALKAN<small>Pelanggan batal &middot; 25/11/2026, 15.00 WITA</small></div>',
    );
  });
});

describe('checking templates', () => {
  it('reports the line of a syntax error', async () => {
    expect(
      await checkTemplate('header', 'Baris satu\nBaris dua\n{% if store.name %}tanpa akhir'),
    ).toMatchObject({
      field: 'header',
      line: 3,
    });
    expect(await checkTemplate('footer', 'Terima kasih\n{{ store.name ')).toMatchObject({
      line: 2,
    });
  });

  it('refuses unknown filters and misspelt variables', async () => {
    expect(await checkTemplate('footer', '{{ store.name | shout }}')).toMatchObject({ line: 1 });
    expect(await checkTemplate('header', 'ok\n{{ toko.nama }}')).toMatchObject({ line: 2 });
  });

  it('accepts snippets that use the receipt variables and filters', async () => {
    expect(await checkTemplate('header', '{{ store.name | upcase }}\n{{ store.code }}')).toBe(
      undefined,
    );
    expect(await checkTemplate('textTemplate', '{{ totals.total | rupiah }}')).toBe(undefined);
  });

  it('cannot read files or other templates', async () => {
    expect(await checkTemplate('htmlTemplate', "{% include 'secrets' %}")).toMatchObject({
      field: 'htmlTemplate',
    });
  });
});
