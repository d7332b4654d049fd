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
  'bills.staffNotAllowed': {
    id: 'Pengguna {userId} tidak dapat melayani bill di toko ini.',
    en: 'User {userId} cannot serve bills in this store.',
  },
  'bills.conflictTableTaken': {
    id: 'Meja ini sudah dipakai bill lain; bill dari perangkat ini dibuka tanpa meja, atas nama "{name}".',
    en: 'The table already had another bill; this device’s bill was opened without a table, under "{name}".',
  },
  'bills.conflictRemovalRefused': {
    id: '{product} sudah dikirim ke dapur dan dibatalkan tanpa izin sales.void: item tetap di bill.',
    en: '{product} had been sent to the kitchen and was taken off without sales.void: it stays on the bill.',
  },
  'bills.conflictItemsLeftOpen': {
    id: '{count} item yang tidak diketahui perangkat ini belum dibayar dan tetap terbuka di bill baru.',
    en: '{count} item(s) this device did not know were not paid and stay open on a new bill.',
  },
  'bills.conflictItemsPaidOffline': {
    id: '{count} item yang dibayar penjualan perangkat ini sudah dipindah ke bill lain; item itu dihapus dari bill tersebut (sudah dibayar).',
    en: '{count} item(s) this device’s sale paid had been moved to another bill; they came off that bill (paid).',
  },
  'bills.conflictSettledElsewhere': {
    id: 'Bill ini sudah dibayar dengan penjualan lain; penjualan dari perangkat ini ditandai untuk ditinjau (mungkin dibayar dua kali).',
    en: 'This bill had already been paid by another sale; this device’s sale is flagged for review (it may have been paid twice).',
  },
  'bills.conflictSaleNotRecorded': {
    id: 'Penjualan yang membayar bill ini tidak tercatat; bill tetap terbuka.',
    en: 'The sale that paid this bill was not recorded; the bill stays open.',
  },
} as const;
