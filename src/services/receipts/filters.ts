import type { Liquid } from 'liquidjs';
import { formatRupiah } from '../../lib/money';

/**
 * The formatting and text-layout helpers of receipt templates, as plain functions (tested on their
 * own) and as Liquid filters. Amounts are whole rupiah; times are UTC instants shown in the store's
 * zone. Text layout counts one column per code point: receipts are Latin text.
 */

/**
 * `Rp 15.000`, `-Rp 5.000`. The space is a plain U+0020 (Intl's currency style prints U+00A0,
 * which thermal printers' code pages do not have); HTML keeps amounts together with CSS.
 */
export function rupiah(value: unknown): string {
  return formatRupiah(Math.round(toNumber(value)));
}

const zoneByTimezone: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** WIB / WITA / WIT; another zone by its UTC offset (+7, +8, +9), else the zone name itself. */
export function zone(timezone: unknown): string {
  const name = String(timezone ?? '');
  const known = zoneByTimezone[name];
  if (known) return known;
  try {
    // Any instant will do: Indonesia keeps no daylight saving time.
    const offset = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' })
      .formatToParts(new Date())
      .find((part) => part.type === 'timeZoneName')?.value;
    const byOffset: Record<string, string> = {
      'GMT+07:00': 'WIB',
      'GMT+08:00': 'WITA',
      'GMT+09:00': 'WIT',
    };
    return (offset && byOffset[offset]) || name;
  } catch {
    return name;
  }
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(timezone: string): Intl.DateTimeFormat {
  let format = dateTimeFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('id-ID', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    dateTimeFormats.set(timezone, format);
  }
  return format;
}

/** `25/11/2026, 14.05 WITA`: the instant in the store's zone, assembled from Intl's parts. */
export function datetime(value: unknown, timezone: unknown): string {
  const instant = toDate(value);
  if (!instant) return '';
  const zoneName = String(timezone ?? 'Asia/Jakarta');
  const parts = Object.fromEntries(
    dateTimeFormat(zoneName)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.day}/${parts.month}/${parts.year}, ${parts.hour}.${parts.minute} ${zone(zoneName)}`;
}

/** Basis points as a percentage with a decimal comma: 1000 → `10%`, 550 → `5,5%`. */
export function percent(basisPoints: unknown): string {
  const value = toNumber(basisPoints) / 100;
  const text = value
    .toFixed(2)
    .replace(/\.?0+$/, '')
    .replace('.', ',');
  return `${text}%`;
}

/** The tax line's name by regime: PPN (VAT) or PBJT (regional restaurant tax). */
export function taxLabel(regime: unknown): string {
  if (regime === 'ppn') return 'PPN';
  if (regime === 'pbjt') return 'PBJT';
  return 'Pajak';
}

/** `PBJT 10%`, `PPN 11% (termasuk)` when prices include the tax. */
export function taxLine(totals: unknown): string {
  const fields = (totals ?? {}) as {
    taxRegime?: unknown;
    taxRateBasisPoints?: unknown;
    pricesIncludeTax?: unknown;
  };
  const label = `${taxLabel(fields.taxRegime)} ${percent(fields.taxRateBasisPoints)}`;
  return fields.pricesIncludeTax ? `${label} (termasuk)` : label;
}

const paymentLabels: Record<string, string> = {
  cash: 'Tunai',
  qris: 'QRIS',
  card: 'Kartu',
  transfer: 'Transfer',
  ewallet: 'E-wallet',
};

export function paymentLabel(method: unknown): string {
  const name = String(method ?? '');
  return paymentLabels[name] ?? name;
}

// ---------------------------------------------------------------------------------------------
// Text layout

function columns(text: string): number {
  return Array.from(text).length;
}

function sliceColumns(text: string, start: number, end?: number): string {
  return Array.from(text).slice(start, end).join('');
}

export function padEnd(value: unknown, width: unknown): string {
  const text = String(value ?? '');
  return text + ' '.repeat(Math.max(0, toNumber(width) - columns(text)));
}

export function padStart(value: unknown, width: unknown): string {
  const text = String(value ?? '');
  return ' '.repeat(Math.max(0, toNumber(width) - columns(text))) + text;
}

/** Word-wrapped lines of at most `width` columns; a word longer than a line is cut. */
export function wrapLines(value: unknown, width: unknown): string[] {
  const limit = Math.max(1, Math.floor(toNumber(width)));
  const lines: string[] = [];
  for (const paragraph of String(value ?? '').split(/\r?\n/)) {
    // An indented paragraph keeps its indent on every line it wraps to.
    const indent = /^ */.exec(paragraph)?.[0].slice(0, Math.floor(limit / 2)) ?? '';
    const room = limit - indent.length;
    const start = lines.length;
    let line = '';
    for (let word of paragraph.split(/\s+/).filter(Boolean)) {
      while (columns(word) > room) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(sliceColumns(word, 0, room));
        word = sliceColumns(word, room);
      }
      if (!word) continue;
      if (!line) line = word;
      else if (columns(line) + 1 + columns(word) <= room) line = `${line} ${word}`;
      else {
        lines.push(line);
        line = word;
      }
    }
    lines.push(line);
    for (let index = start; index < lines.length; index += 1) {
      if (lines[index]) lines[index] = indent + lines[index];
    }
  }
  return lines;
}

export function wrap(value: unknown, width: unknown): string {
  return wrapLines(value, width).join('\n');
}

/** Each wrapped line centred in `width` columns (no trailing spaces). */
export function center(value: unknown, width: unknown): string {
  const limit = toNumber(width);
  return wrapLines(value, limit)
    .map((line) => ' '.repeat(Math.floor((limit - columns(line)) / 2)) + line)
    .join('\n');
}

/**
 * `left` and `right` on one line of exactly `width` columns, `right` flush right. A long `left`
 * wraps; `right` goes on the last line if it fits beside it, else on a line of its own.
 */
export function row(left: unknown, right: unknown, width: unknown): string {
  const limit = toNumber(width);
  const rightText = String(right ?? '');
  const lines = wrapLines(left, limit);
  const last = lines.pop() ?? '';
  if (columns(last) + 1 + columns(rightText) <= limit) {
    lines.push(last + padStart(rightText, limit - columns(last)));
  } else {
    if (last) lines.push(last);
    lines.push(padStart(rightText, limit));
  }
  return lines.join('\n');
}

/** A separator line: `width` times the character (default '-'). */
export function rule(width: unknown, character: unknown = '-'): string {
  const glyph = sliceColumns(String(character || '-'), 0, 1);
  return glyph.repeat(Math.max(0, toNumber(width)));
}

/**
 * The last guard of a text receipt: trailing spaces go, and a line a template made too long is
 * wrapped, so no line ever exceeds the paper.
 */
export function fitToWidth(text: string, width: number): string {
  return text
    .split(/\r?\n/)
    .flatMap((line) => {
      const trimmed = line.trimEnd();
      if (columns(trimmed) <= width) return [trimmed];
      const chunks: string[] = [];
      for (let start = 0; start < columns(trimmed); start += width) {
        chunks.push(sliceColumns(trimmed, start, start + width).trimEnd());
      }
      return chunks;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------

function toNumber(value: unknown): number {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : 0;
}

function toDate(value: unknown): Date | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'string' || typeof value === 'number') {
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? undefined : date;
  }
  return undefined;
}

/** Registers every receipt filter on an engine. */
export function registerReceiptFilters(engine: Liquid): void {
  engine.registerFilter('rupiah', rupiah);
  engine.registerFilter('datetime', datetime);
  engine.registerFilter('zone', zone);
  engine.registerFilter('percent', percent);
  engine.registerFilter('tax_label', taxLabel);
  engine.registerFilter('tax_line', taxLine);
  engine.registerFilter('payment_label', paymentLabel);
  engine.registerFilter('pad', padEnd);
  engine.registerFilter('padStart', padStart);
  engine.registerFilter('wrap', wrap);
  engine.registerFilter('center', center);
  engine.registerFilter('row', row);
  engine.registerFilter('rule', rule);
}
