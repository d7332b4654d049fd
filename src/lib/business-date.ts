import type { StoreTimezone } from '../db/schema';

/** One formatter per zone: building an Intl.DateTimeFormat costs more than formatting with it. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function localHourFormat(timezone: StoreTimezone): Intl.DateTimeFormat {
  let format = formatters.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timezone, format);
  }
  return format;
}

/**
 * The business date of a moment in a store: the store-local calendar date, moved back one day
 * before the cut-off hour (a shift that runs past midnight belongs to the day it started).
 * Time zones come from Intl (no daylight saving in Indonesia, but nothing here assumes it).
 */
export function businessDate(at: Date, timezone: StoreTimezone, cutoffHour: number): string {
  const parts = localHourFormat(timezone).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const local = new Date(Date.UTC(part('year'), part('month') - 1, part('day')));
  if (part('hour') < cutoffHour) local.setUTCDate(local.getUTCDate() - 1);
  return local.toISOString().slice(0, 10);
}

/** Calendar days from one ISO date to another (0 for the same day; negative when backwards). */
export function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/** `JKT01-20261125-0007`: store code, business date without dashes, a four-digit sequence. */
export function saleNumber(storeCode: string, date: string, sequence: number): string {
  return `${storeCode}-${date.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}
