/** Messages of shifts and the cash drawer (keys 'shifts.'). */
export const shiftsMessages = {
  'shifts.notFound': {
    id: 'Shift tidak ditemukan.',
    en: 'Shift not found.',
  },
  'shifts.idReused': {
    id: 'ID ini sudah dipakai untuk data lain. Buat ID baru untuk data baru.',
    en: 'This id is already used for something else. Make a new id for a new record.',
  },
  'shifts.alreadyOpen': {
    id: 'Perangkat ini masih punya shift terbuka (dibuka {openedAt}). Tutup shift itu dulu.',
    en: 'This device still has an open shift (opened {openedAt}). Close it first.',
  },
  'shifts.closed': {
    id: 'Shift ini sudah ditutup.',
    en: 'This shift is already closed.',
  },
  'shifts.otherDevice': {
    id: 'Shift ini milik perangkat lain ({deviceName}); hanya perangkat itu yang dapat mencatat kas atau menutupnya.',
    en: 'This shift belongs to another device ({deviceName}); only that device records cash in it or closes it.',
  },
  'shifts.required': {
    id: 'Toko ini mewajibkan shift terbuka sebelum transaksi. Buka shift di perangkat ini dulu.',
    en: 'This store requires an open shift before any sale. Open a shift on this device first.',
  },
  'shifts.denominationsMismatch': {
    id: 'Rincian pecahan berjumlah {sum}, bukan kas terhitung {counted}.',
    en: 'The denominations add up to {sum}, not the counted cash {counted}.',
  },
  'shifts.differenceNeedsApproval': {
    id: 'Selisih kas {difference} melebihi batas toko {threshold}: perlu persetujuan manajer (shifts.manage).',
    en: 'The cash difference {difference} is beyond the store limit {threshold}: a manager must approve (shifts.manage).',
  },
  'shifts.movementNeedsApproval': {
    id: 'Kas masuk/keluar di atas {limit} perlu persetujuan manajer (shifts.manage).',
    en: 'A pay-in or pay-out above {limit} needs a manager’s approval (shifts.manage).',
  },
  'shifts.staffNotAllowed': {
    id: 'Pengguna {userId} tidak dapat menjalankan shift di toko ini.',
    en: 'User {userId} cannot run a shift in this store.',
  },
} as const;
