/** Messages of reports (keys 'reports.'). */
export const reportsMessages = {
  'reports.rangeTooLong': {
    id: 'Rentang laporan paling panjang 366 hari.',
    en: 'A report covers at most 366 days.',
  },
  'reports.transactionsRangeTooLong': {
    id: 'Ekspor per transaksi paling panjang 92 hari; buat beberapa ekspor untuk rentang lebih panjang.',
    en: 'A per-transaction export covers at most 92 days; request several for a longer range.',
  },
  'reports.exportNotFound': {
    id: 'Ekspor laporan tidak ditemukan.',
    en: 'Report export not found.',
  },
  'reports.exportNotReady': {
    id: 'Ekspor belum siap (status: {status}). Coba lagi sebentar lagi.',
    en: 'The export is not ready yet (status: {status}). Try again shortly.',
  },
  'reports.exportExpired': {
    id: 'Berkas ekspor sudah dihapus karena masa simpannya habis. Buat ekspor baru.',
    en: 'The export file was deleted when its retention ended. Request a new export.',
  },
} as const;
