/** Messages of reports (keys 'reports.'). */
export const reportsMessages = {
  'reports.rangeTooLong': {
    id: 'Rentang laporan paling panjang 366 hari.',
    en: 'A report covers at most 366 days.',
  },
} as const;
