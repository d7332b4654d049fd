/** Messages of restaurant service: tables, open bills, kitchen tickets (keys 'tables.', 'bills.'). */
export const diningMessages = {
  'tables.notFound': {
    id: 'Meja tidak ditemukan.',
    en: 'Table not found.',
  },
  'tables.nameTaken': {
    id: 'Toko ini sudah punya meja bernama "{name}".',
    en: 'This store already has a table named "{name}".',
  },
  'tables.hasOpenBill': {
    id: 'Masih ada bill terbuka di meja ini. Selesaikan atau pindahkan dulu.',
    en: 'A bill is still open on this table. Settle or move it first.',
  },
  'bills.notFound': {
    id: 'Bill tidak ditemukan.',
    en: 'Bill not found.',
  },
  'bills.idReused': {
    id: 'ID ini sudah dipakai untuk bill lain. Buat ID baru untuk bill baru.',
    en: 'This id is already used for another bill. Make a new id for a new bill.',
  },
  'bills.itemIdReused': {
    id: 'ID item ini sudah dipakai di tempat lain. Buat ID baru untuk item baru.',
    en: 'This item id is already used elsewhere. Make a new id for a new item.',
  },
  'bills.closed': {
    id: 'Bill ini sudah ditutup ({status}) dan tidak dapat diubah lagi.',
    en: 'This bill is closed ({status}) and accepts no more changes.',
  },
  'bills.tableNotFound': {
    id: 'Meja tidak ada atau tidak aktif di toko ini.',
    en: 'The table does not exist or is not active in this store.',
  },
  'bills.tableOccupied': {
    id: 'Sudah ada bill terbuka di meja ini. Tambahkan pesanan ke bill itu atau gabungkan.',
    en: 'A bill is already open on this table. Add to that bill or merge.',
  },
  'bills.nameOrTable': {
    id: 'Bill tanpa meja perlu nama (mis. "Bu Sari, bungkus").',
    en: 'A bill without a table needs a name (e.g. "Bu Sari, takeaway").',
  },
  'bills.itemNotOnBill': {
    id: 'Item {itemId} tidak ada (lagi) di bill ini.',
    en: 'Item {itemId} is not (or no longer) on this bill.',
  },
  'bills.voidReasonRequired': {
    id: 'Item ini sudah dikirim ke dapur: sebutkan alasan pembatalannya.',
    en: 'These items were already sent to the kitchen: give the reason for taking them back.',
  },
  'bills.nothingToSend': {
    id: 'Tidak ada item baru untuk dikirim ke dapur.',
    en: 'There are no new items to send to the kitchen.',
  },
  'bills.empty': {
    id: 'Bill ini tidak punya item untuk dibayar. Batalkan bill bila tamu tidak jadi memesan.',
    en: 'This bill has no items to pay for. Cancel it if the guests ordered nothing.',
  },
  'bills.mergeSelf': {
    id: 'Bill tidak dapat digabung dengan dirinya sendiri.',
    en: 'A bill cannot be merged into itself.',
  },
  'bills.otherStore': {
    id: 'Hanya bill dari toko yang sama yang dapat digabung.',
    en: 'Only bills of the same store can be merged.',
  },
  'bills.splitAll': {
    id: 'Pisah bill harus menyisakan setidaknya satu item; untuk memindahkan semuanya, pindahkan bill.',
    en: 'A split must leave at least one item; to move everything, move the bill.',
  },
  'bills.ticketNotFound': {
    id: 'Tiket dapur tidak ditemukan.',
    en: 'Kitchen ticket not found.',
  },
} as const;
