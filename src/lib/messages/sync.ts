import type { LocalizedText } from '../i18n';

/** Messages of offline sync (keys start with 'sync.'). */
export const syncMessages = {
  'sync.batchIdReused': {
    id: 'batchId ini sudah dipakai untuk unggahan toko atau perangkat lain.',
    en: 'This batchId was already used by another store or device.',
  },
  'sync.saleStoreMismatch': {
    id: 'Transaksi ini untuk toko {storeId}, bukan toko unggahan ini.',
    en: 'This sale belongs to store {storeId}, not to the store of this upload.',
  },
  'sync.saleTooOld': {
    id: 'Transaksi lebih lama dari {days} hari tidak diterima lewat sinkronisasi; catat ulang secara manual.',
    en: 'Sales older than {days} days are not accepted by sync; enter them manually.',
  },
  'sync.cashierNotStaff': {
    id: 'Kasir {cashierId} bukan staf toko ini.',
    en: 'Cashier {cashierId} is not staff of this store.',
  },
  'sync.emptyUpload': {
    id: 'Unggahan harus berisi minimal satu transaksi atau kejadian shift.',
    en: 'An upload must hold at least one sale or shift event.',
  },
  'sync.saleFailed': {
    id: 'Transaksi ini gagal diproses karena gangguan server. Kirim ulang nanti; transaksi lain tidak terpengaruh.',
    en: 'This sale could not be processed because of a server fault. Send it again later; the other sales are unaffected.',
  },
  'sync.cursorStore': {
    id: 'Cursor ini milik toko lain; minta sinkronisasi penuh.',
    en: 'This cursor belongs to another store; request a full sync.',
  },
  'sync.changeNotFound': {
    id: '{type} {id} tidak ditemukan.',
    en: '{type} {id} was not found.',
  },
  'sync.serverCopyWins': {
    id: 'Data ini sudah diubah di server (versi {current}); versi server yang berlaku.',
    en: 'This record was changed on the server (version {current}); the server copy stands.',
  },
  'sync.saleFlaggedEvent': {
    id: 'Transaksi {number} diterima dengan tanda: {flags}',
    en: 'Sale {number} accepted with flags: {flags}',
  },
  'sync.batchStalledEvent': {
    id: 'Unggahan ini tidak selesai; kasir perlu mengirimnya ulang.',
    en: 'The batch did not finish; the till should send it again.',
  },
} satisfies Record<string, LocalizedText>;
