import type { LocalizedText } from '../i18n';

/** Messages of the receipts routes and services (keys start with 'receipts.'). */
export const receiptsMessages = {} satisfies Record<string, LocalizedText>;
