/** The stock pages' sentences (see ../messages.ts). */
export const stockMessages = {
  'stock.title': { id: 'TODO', en: 'TODO' },
} as const satisfies Record<string, { id: string; en: string }>;
