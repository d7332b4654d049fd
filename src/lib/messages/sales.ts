import type { LocalizedText } from '../i18n';

/** Messages of the sales routes and services (keys start with 'sales.'). */
export const salesMessages = {} satisfies Record<string, LocalizedText>;
