/** The audit pages' sentences (see ../messages.ts). */
export const auditMessages = {
  'audit.title': { id: 'TODO', en: 'TODO' },
} as const satisfies Record<string, { id: string; en: string }>;
