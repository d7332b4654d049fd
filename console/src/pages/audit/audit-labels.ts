import { auditMessages } from '../../i18n/areas/audit';
import type { MessageKey } from '../../i18n/messages';

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;
type AuditKey = keyof typeof auditMessages;

const actionPrefix = 'audit.action.';
const entityPrefix = 'audit.entity.';

function isAuditKey(key: string): key is AuditKey {
  return key in auditMessages;
}

function codesOf(prefix: string): string[] {
  return Object.keys(auditMessages)
    .filter((key) => key.startsWith(prefix))
    .map((key) => key.slice(prefix.length));
}

export interface AuditOption {
  code: string;
  label: string;
}

/**
 * Actions and record types as people read them, in the UI language; a code the console does not
 * know yet (the API may add some) is shown as the API wrote it.
 */
export function auditLabels(t: Translate) {
  const label = (prefix: string, code: string) => {
    const key = `${prefix}${code}`;
    return isAuditKey(key) ? t(key) : code;
  };
  const options = (prefix: string): AuditOption[] =>
    codesOf(prefix)
      .map((code) => ({ code, label: label(prefix, code) }))
      .sort((a, b) => a.label.localeCompare(b.label));
  return {
    actions: options(actionPrefix),
    entities: options(entityPrefix),
    action: (code: string) => label(actionPrefix, code),
    entity: (code: string) => label(entityPrefix, code),
  };
}

/** Indonesia's zones have no daylight saving: each is one fixed offset. */
const offsets: Record<string, string> = {
  'Asia/Jakarta': '+07:00',
  'Asia/Pontianak': '+07:00',
  'Asia/Makassar': '+08:00',
  'Asia/Jayapura': '+09:00',
};

/** The first instant of a YYYY-MM-DD day in a zone, as ISO 8601 with its offset. */
export function dayStart(date: string, timezone: string): string {
  return `${date}T00:00:00${offsets[timezone] ?? '+07:00'}`;
}

/** The last instant of a YYYY-MM-DD day in a zone (the API's `to` is inclusive). */
export function dayEnd(date: string, timezone: string): string {
  return `${date}T23:59:59.999${offsets[timezone] ?? '+07:00'}`;
}
