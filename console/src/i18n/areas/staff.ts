/** The staff pages' sentences (see ../messages.ts). */
export const staffMessages = {
  'staff.title': { id: 'TODO', en: 'TODO' },
} as const satisfies Record<string, { id: string; en: string }>;
