import type { LocalizedText } from '../i18n';

/** Messages of company, store and platform administration (keys 'companies.', 'stores.', 'platform.'). */
export const administrationMessages = {
  'companies.notFound': {
    id: 'Perusahaan tidak ditemukan.',
    en: 'Company not found.',
  },
  'companies.ppnStoresNeedPkp': {
    id: 'Perusahaan ini tidak dapat berhenti menjadi PKP selama toko {stores} memungut PPN (sekarang atau terjadwal). Ubah pajak toko tersebut lebih dulu.',
    en: 'The company cannot stop being a PKP while store(s) {stores} charge PPN (now or scheduled). Change their tax first.',
  },
  'companies.npwpFormat': {
    id: 'NPWP harus 15 atau 16 angka (titik dan tanda hubung boleh).',
    en: 'The NPWP must have 15 or 16 digits (dots and dashes allowed).',
  },
  'companies.logoUrlHttps': {
    id: 'URL logo harus alamat https.',
    en: 'The logo URL must be an https address.',
  },
  'stores.notFound': {
    id: 'Toko tidak ditemukan.',
    en: 'Store not found.',
  },
  'stores.codeTaken': {
    id: 'Kode toko ini sudah dipakai toko lain di perusahaan Anda.',
    en: 'This store code is already used by another store of your company.',
  },
  'stores.codeFormat': {
    id: 'Kode toko 2–12 huruf besar, angka atau tanda hubung, diawali huruf atau angka.',
    en: 'A store code is 2–12 capital letters, digits or dashes, starting with a letter or digit.',
  },
  'stores.ppnRequiresPkp': {
    id: 'Hanya perusahaan PKP yang boleh memungut PPN.',
    en: 'Only a company registered as PKP may charge PPN.',
  },
  'stores.rateWithoutRegime': {
    id: 'Tarif pajak harus 0 bila toko tidak memungut pajak.',
    en: 'The tax rate must be 0 when the store charges no tax.',
  },
  'stores.ppnRateRange': {
    id: 'Tarif PPN harus lebih dari 0 % dan paling tinggi {maximum} %.',
    en: 'The PPN rate must be above 0 % and at most {maximum} %.',
  },
  'stores.pbjtRateRange': {
    id: 'Tarif PBJT harus lebih dari 0 % dan paling tinggi {maximum} % (batas UU HKPD).',
    en: 'The PBJT rate must be above 0 % and at most {maximum} % (the legal maximum).',
  },
  'stores.roundingStep': {
    id: 'Pembulatan harus 0 (tanpa pembulatan), 100, 500 atau 1000 rupiah.',
    en: 'Rounding must be 0 (none), 100, 500 or 1000 rupiah.',
  },
  'stores.nothingToSchedule': {
    id: 'effectiveFrom hanya berlaku untuk pengaturan pajak, servis, pembulatan, diskon dan jam tutup buku; tidak ada yang diubah.',
    en: 'effectiveFrom applies to the tax, service, rounding, discount and cut-off settings; none is changed.',
  },
  'stores.salesSinceEffective': {
    id: 'Sudah ada transaksi sejak waktu tersebut; pengaturan tidak dapat diubah mundur. Pilih sekarang atau waktu yang akan datang.',
    en: 'Sales were recorded since that time; settings cannot change retroactively. Choose now or a future time.',
  },
  'stores.codeFixedBySales': {
    id: 'Kode toko tidak dapat diubah setelah ada transaksi, karena nomor transaksi memuatnya.',
    en: 'The store code cannot change once the store has sales: transaction numbers embed it.',
  },
  'stores.timezoneFixedBySales': {
    id: 'Zona waktu tidak dapat diubah setelah ada transaksi, karena tanggal usaha sudah dihitung dengannya.',
    en: 'The time zone cannot change once the store has sales: business dates were computed with it.',
  },
  'stores.conflictsWithScheduled': {
    id: 'Perubahan ini membuat pengaturan terjadwal mulai {at} tidak valid. Ubah atau batalkan jadwal itu dahulu.',
    en: 'This change makes the settings scheduled from {at} invalid. Change that schedule first.',
  },
  'stores.inUse': {
    id: 'Toko masih dipakai: {devices} perangkat masih masuk ({names}), {uploads} unggahan sedang diproses dan {shifts} shift masih terbuka. Tutup shift dan keluarkan perangkat setelah semua transaksi terkirim, lalu coba lagi.',
    en: 'The store is still in use: {devices} device(s) still signed in ({names}), {uploads} upload(s) in progress and {shifts} shift(s) still open. Close the shifts and sign the devices out once their sales are sent, then try again.',
  },
  'platform.idempotencyKeyReused': {
    id: 'Idempotency-Key ini sudah dipakai untuk permintaan dengan isi lain.',
    en: 'This Idempotency-Key was already used for a request with another body.',
  },
  'platform.idempotencyKeyMissing': {
    id: 'Sertakan header Idempotency-Key (8–128 karakter) agar permintaan aman diulang.',
    en: 'Send an Idempotency-Key header (8–128 characters) so the request is safe to retry.',
  },
  'platform.notAnOwner': {
    id: 'Akses hanya dapat diatur ulang untuk pemilik usaha.',
    en: 'Access can only be reset for an owner.',
  },
  'auth.passwordChangeRequired': {
    id: 'Ganti kata sandi sementara Anda dahulu (POST /api/v1/me/password).',
    en: 'Change your temporary password first (POST /api/v1/me/password).',
  },
} satisfies Record<string, LocalizedText>;
