import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type KitchenTicketData,
  renderKitchenTicket,
} from '../../src/services/receipts/kitchen-ticket';
import { linesLongerThan } from './fixtures';

/**
 * Round 2 of table 4 at a café in Bali (WITA), for the bar: a drink with a variant, two
 * modifiers and a note, a plain item, and a dish whose name and note are too long for a line.
 */
function orderTicket(overrides: Partial<KitchenTicketData> = {}): KitchenTicketData {
  return {
    kind: 'order',
    store: { code: 'UBD', name: 'Kopi Kita Ubud', timezone: 'Asia/Makassar' },
    ticket: {
      id: '0193a000-0000-7000-8000-000000000101',
      round: 2,
      station: 'bar',
      createdAt: '2026-11-25T06:05:00.000Z',
    },
    bill: {
      id: '0193a000-0000-7000-8000-000000000102',
      reference: '7F3A2C',
      tableName: '4',
      name: null,
      guests: 3,
    },
    orderedBy: { name: 'Wayan' },
    reason: null,
    items: [
      {
        quantity: 2,
        product: 'Es Kopi Susu',
        variant: 'Large',
        modifiers: ['Less sugar', 'Extra shot'],
        note: 'Es sedikit',
      },
      { quantity: 1, product: 'Croissant', variant: null, modifiers: [], note: null },
      {
        quantity: 1,
        product: 'Nasi Goreng Kampung Spesial Telur Mata Sapi',
        variant: 'Pedas',
        modifiers: ['Tanpa kerupuk'],
        note: 'Sambal dipisah, jangan pakai bawang goreng karena alergi',
      },
    ],
    ...overrides,
  };
}

/** Items taken back from a takeaway bill in Jakarta (WIB), for the one kitchen. */
function voidTicket(): KitchenTicketData {
  return {
    kind: 'void',
    store: { code: 'JKT1', name: 'Kopi Kita Kemang', timezone: 'Asia/Jakarta' },
    ticket: {
      id: '0193a000-0000-7000-8000-000000000201',
      round: null,
      station: null,
      createdAt: '2026-11-25T07:20:00.000Z',
    },
    bill: {
      id: '0193a000-0000-7000-8000-000000000202',
      reference: '7F3A2C',
      tableName: null,
      name: 'Bu Sari, takeaway',
      guests: null,
    },
    orderedBy: { name: 'Komang' },
    reason: 'Pelanggan tidak jadi pesan karena menunggu terlalu lama',
    items: [
      { quantity: 1, product: 'Croissant', variant: null, modifiers: [], note: null },
      {
        quantity: 2,
        product: 'Es Teh Manis',
        variant: 'Jumbo',
        modifiers: ['Less ice'],
        note: null,
      },
    ],
  };
}

const text32 = { format: 'text', width: 32 } as const;
const text48 = { format: 'text', width: 48 } as const;

/** The ticket's words in order, line breaks and indents gone: wrapped text must lose nothing. */
function flatten(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .join(' ');
}

/** `Rp 15.000`, `15.000`, `1.250.000`: anything that looks like an amount of money. */
const priceLike = /Rp|\d{1,3}(?:\.\d{3})+(?!\d)/;

describe('kitchen ticket as text', () => {
  it('prints an order round on 58 mm paper (32 columns)', async () => {
    const text = await renderKitchenTicket(orderTicket(), text32);
    expect(linesLongerThan(text, 32)).toEqual([]);
    expect(text).toBe(
      [
        '              BAR',
        '================================',
        '             MEJA 4',
        '================================',
        'Bill #7F3A2C             Ronde 2',
        'Waktu     25/11/2026, 14.05 WITA',
        'Oleh: Wayan              Tamu: 3',
        '================================',
        '2 x ES KOPI SUSU (Large)',
        '  + Less sugar',
        '  + Extra shot',
        '  ! Es sedikit',
        '--------------------------------',
        '1 x CROISSANT',
        '--------------------------------',
        '1 x NASI GORENG KAMPUNG SPESIAL',
        'TELUR MATA SAPI (Pedas)',
        '  + Tanpa kerupuk',
        '  ! Sambal dipisah, jangan pakai',
        '  bawang goreng karena alergi',
        '================================',
        '',
      ].join('\n'),
    );
  });

  it('prints an order round on 80 mm paper (48 columns), wrapping without losing words', async () => {
    const text = await renderKitchenTicket(orderTicket(), text48);
    expect(linesLongerThan(text, 48)).toEqual([]);
    const lines = text.split('\n');
    expect(lines).toContain('                      BAR');
    expect(lines).toContain('                     MEJA 4');
    expect(lines).toContain('Bill #7F3A2C                             Ronde 2');
    expect(lines).toContain('Waktu                     25/11/2026, 14.05 WITA');
    expect(lines).toContain('Oleh: Wayan                              Tamu: 3');
    expect(lines).toContain('2 x ES KOPI SUSU (Large)');
    expect(lines).toContain('  + Less sugar');
    expect(lines).toContain('  + Extra shot');
    expect(lines).toContain('  ! Es sedikit');
    // Too long for 48 columns as well: wrapped, every word kept, in order.
    expect(lines).toContain('1 x NASI GORENG KAMPUNG SPESIAL TELUR MATA SAPI');
    expect(lines).toContain('  ! Sambal dipisah, jangan pakai bawang goreng');
    expect(flatten(text)).toContain('1 x NASI GORENG KAMPUNG SPESIAL TELUR MATA SAPI (Pedas)');
    expect(flatten(text)).toContain('! Sambal dipisah, jangan pakai bawang goreng karena alergi');
    expect(text).not.toContain('BATAL');
    expect(text).not.toContain('Alasan');
  });

  it('prints a void with a BATAL banner at the top and the bottom, and the reason', async () => {
    const text = await renderKitchenTicket(voidTicket(), text32);
    expect(linesLongerThan(text, 32)).toEqual([]);
    expect(text).toBe(
      [
        '********************************',
        '         *** BATAL ***',
        '  Alasan: Pelanggan tidak jadi',
        ' pesan karena menunggu terlalu',
        '              lama',
        '********************************',
        '             DAPUR',
        '================================',
        '       BU SARI, TAKEAWAY',
        '================================',
        'Bill #7F3A2C',
        'Waktu      25/11/2026, 14.20 WIB',
        'Oleh: Komang',
        '================================',
        '1 x CROISSANT',
        '--------------------------------',
        '2 x ES TEH MANIS (Jumbo)',
        '  + Less ice',
        '================================',
        '         *** BATAL ***',
        '********************************',
        '',
      ].join('\n'),
    );
  });

  it('prints a void on 48 columns without a round', async () => {
    const text = await renderKitchenTicket(voidTicket(), text48);
    expect(linesLongerThan(text, 48)).toEqual([]);
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['*'.repeat(48), '                 *** BATAL ***']);
    expect(lines.slice(-3)).toEqual(['                 *** BATAL ***', '*'.repeat(48), '']);
    expect(flatten(text)).toContain(
      'Alasan: Pelanggan tidak jadi pesan karena menunggu terlalu lama',
    );
    expect(lines).toContain('                     DAPUR');
    expect(lines).toContain('Waktu                      25/11/2026, 14.20 WIB');
    expect(text).not.toContain('Ronde');
    expect(text).not.toContain('Tamu');
  });

  it('never prints a price, a header or a "Terima kasih" footer', async () => {
    for (const data of [orderTicket(), voidTicket()]) {
      for (const options of [text32, text48, { format: 'html', width: 32 } as const]) {
        const rendered = await renderKitchenTicket(data, options);
        expect(rendered).not.toMatch(priceLike);
        expect(rendered).not.toContain('Terima kasih');
        expect(rendered).not.toContain(data.store.name);
      }
    }
  });

  it("shows the bill's name when there is no table, and the reference when there is neither", async () => {
    const named = orderTicket();
    named.bill = { ...named.bill, tableName: null, name: 'Bu Sari, takeaway' };
    const text = await renderKitchenTicket(named, text32);
    expect(text.split('\n')).toContain('       BU SARI, TAKEAWAY');
    expect(text).not.toContain('MEJA');

    const anonymous = orderTicket();
    anonymous.bill = { ...anonymous.bill, tableName: null, name: null };
    const bare = await renderKitchenTicket(anonymous, text32);
    expect(bare.split('\n').slice(0, 4)).toEqual([
      '              BAR',
      '='.repeat(32),
      '          BILL #7F3A2C',
      '='.repeat(32),
    ]);
  });

  it("names the table once, with the bill's name beneath it", async () => {
    const data = orderTicket();
    data.bill = { ...data.bill, tableName: 'Meja 12', name: 'Pak Budi' };
    data.ticket = { ...data.ticket, station: 'Dapur Panas' };
    const text = await renderKitchenTicket(data, text32);
    expect(text.split('\n').slice(0, 5)).toEqual([
      '          DAPUR PANAS',
      '='.repeat(32),
      '            MEJA 12',
      '            Pak Budi',
      '='.repeat(32),
    ]);
  });

  it('prints a table named by its area as it is, and a bare number as a table', async () => {
    const heading = async (tableName: string) => {
      const data = orderTicket();
      data.bill = { ...data.bill, tableName, name: null };
      return (await renderKitchenTicket(data, text32)).split('\n')[2]?.trim();
    };
    expect(await heading('Teras 2')).toBe('TERAS 2');
    expect(await heading('7')).toBe('MEJA 7');
  });

  it('never lets a line exceed the width, whatever the names and notes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ minLength: 0, maxLength: 120 }), { minLength: 9, maxLength: 9 }),
        fc.constantFrom(32 as const, 48 as const),
        fc.boolean(),
        async (
          [product, variant, modifier, note, station, table, name, orderedBy, reason],
          width,
          isVoid,
        ) => {
          const data = isVoid ? voidTicket() : orderTicket();
          data.ticket.station = station || null;
          data.bill = { ...data.bill, tableName: table || null, name: name || null };
          data.orderedBy = { name: orderedBy ?? '' };
          data.reason = reason || null;
          data.items = [
            {
              quantity: 12,
              product: product ?? '',
              variant: variant || null,
              modifiers: [modifier ?? ''],
              note: note || null,
            },
          ];
          const text = await renderKitchenTicket(data, { format: 'text', width });
          expect(linesLongerThan(text, width)).toEqual([]);
          expect(text).toMatch(/^12 x\b/m);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('kitchen ticket as HTML', () => {
  it('renders the order round in a large font, without prices', async () => {
    const html = await renderKitchenTicket(orderTicket(), { format: 'html', width: 48 });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('.ticket { width: 80mm;');
    expect(html).toContain('<title>BAR MEJA 4</title>');
    expect(html).toContain('.item { font-weight: bold; font-size: 1.4em; }');
    expect(html).toContain('<div class="station">BAR</div>');
    expect(html).toContain('<div class="heading">MEJA 4</div>');
    expect(html).toContain('<tr><td>Bill #7F3A2C</td><td class="value">Ronde 2</td></tr>');
    expect(html).toContain('<tr><td>Waktu</td><td class="value">25/11/2026, 14.05 WITA</td></tr>');
    expect(html).toContain('<tr><td>Oleh: Wayan</td><td class="value">Tamu: 3</td></tr>');
    expect(html).toContain('<div class="item">2 &times; ES KOPI SUSU (Large)</div>');
    expect(html).toContain('<div class="modifier">+ Less sugar</div>');
    expect(html).toContain('<div class="modifier">+ Extra shot</div>');
    expect(html).toContain('<div class="note">! Es sedikit</div>');
    expect(html).toContain(
      '<div class="item">1 &times; NASI GORENG KAMPUNG SPESIAL TELUR MATA SAPI (Pedas)</div>',
    );
    expect(html).not.toContain('BATAL');
    expect(html).not.toMatch(priceLike);
  });

  it('shows the BATAL banner with the reason on a void', async () => {
    const html = await renderKitchenTicket(voidTicket(), { format: 'html', width: 32 });
    expect(html).toContain('.ticket { width: 58mm;');
    expect(html).toContain('<title>BATAL - DAPUR BU SARI, TAKEAWAY</title>');
    expect(html).toContain('<div class="ticket kitchen-ticket voided">');
    expect(html).toContain(
      '<div class="void">*** BATAL ***<small>Alasan: Pelanggan tidak jadi pesan karena menunggu terlalu lama</small></div>',
    );
    expect(html.match(/\*\*\* BATAL \*\*\*/g)).toHaveLength(2);
    expect(html).toContain('<div class="station">DAPUR</div>');
    expect(html).toContain('<div class="heading">BU SARI, TAKEAWAY</div>');
    expect(html).toContain('25/11/2026, 14.20 WIB');
    expect(html).not.toContain('Ronde');
  });

  it('escapes every value, notes and names included', async () => {
    const data = orderTicket();
    data.items = [
      {
        quantity: 1,
        product: 'Kopi <b>Tubruk</b>',
        variant: 'Gelas "Besar"',
        modifiers: ['<img src=x onerror=alert(2)>'],
        note: '<script>alert(1)</script>',
      },
    ];
    data.bill = { ...data.bill, tableName: null, name: 'Tom & Jerry' };
    const html = await renderKitchenTicket(data, { format: 'html', width: 32 });
    expect(html).toContain('<div class="note">! &lt;script&gt;alert(1)&lt;/script&gt;</div>');
    expect(html).toContain(
      '<div class="item">1 &times; KOPI &lt;B&gt;TUBRUK&lt;/B&gt; (Gelas &#34;Besar&#34;)</div>',
    );
    expect(html).toContain('<div class="modifier">+ &lt;img src=x onerror=alert(2)&gt;</div>');
    expect(html).toContain('<div class="heading">TOM &amp; JERRY</div>');
    expect(html.toLowerCase()).not.toContain('<script');
    expect(html.toLowerCase()).not.toContain('<img');
    expect(html.toLowerCase()).not.toContain('<b>');
  });
});
