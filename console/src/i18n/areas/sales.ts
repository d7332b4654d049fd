/** The sales pages' sentences (see ../messages.ts). */
export const salesMessages = {
  'sales.title': { id: 'TODO', en: 'TODO' },
} as const satisfies Record<string, { id: string; en: string }>;
