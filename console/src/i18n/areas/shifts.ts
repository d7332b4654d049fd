/** The shifts pages' sentences (see ../messages.ts). */
export const shiftsMessages = {
  'shifts.title': { id: 'TODO', en: 'TODO' },
} as const satisfies Record<string, { id: string; en: string }>;
