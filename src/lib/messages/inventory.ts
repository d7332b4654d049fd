import type { LocalizedText } from '../i18n';

/** Messages of the inventory routes and services (keys start with 'inventory.'). */
export const inventoryMessages = {} satisfies Record<string, LocalizedText>;
