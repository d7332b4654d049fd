import type { LocalizedText } from '../i18n';

/** Messages of the catalog routes and services (keys start with 'catalog.'). */
export const catalogMessages = {} satisfies Record<string, LocalizedText>;
