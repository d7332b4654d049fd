/** Times in a store's zone, named as Indonesians do: WIB, WITA, WIT (DOMAIN.md). */
export type StoreTimezone = 'Asia/Jakarta' | 'Asia/Pontianak' | 'Asia/Makassar' | 'Asia/Jayapura';

const zoneNames: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

export function zoneName(timezone: string): string {
  return zoneNames[timezone] ?? timezone;
}

/** `25/11/2026, 14.05 WITA`: id-ID writes the time with a dot. */
export function formatDateTime(iso: string, timezone: string): string {
  const text = new Intl.DateTimeFormat('id-ID', {
    timeZone: timezone,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return `${text} ${zoneName(timezone)}`;
}

/** `14.05 WIB` */
export function formatTime(iso: string, timezone: string): string {
  const text = new Intl.DateTimeFormat('id-ID', {
    timeZone: timezone,
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(new Date(iso));
  return `${text} ${zoneName(timezone)}`;
}

/** The calendar date (YYYY-MM-DD) it is now in a zone: a store's business day. */
export function todayIn(timezone: string, now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

/** A date `days` before or after a YYYY-MM-DD date. */
export function shiftDate(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/**
 * The business date of a store now: the calendar date in its zone, moved back a day before its
 * cut-off hour (a café open until 02.00 still sells on yesterday's business day).
 */
export function businessDateIn(
  timezone: string,
  cutoffHour: number,
  now: Date = new Date(),
): string {
  return todayIn(timezone, new Date(now.getTime() - cutoffHour * 60 * 60 * 1000));
}
