/** Messages of request and business metrics and of incidents (keys 'metrics.', 'incidents.'). */
export const monitoringMessages = {
  'metrics.notConfigured': {
    id: 'Metrik permintaan belum dikonfigurasi di lingkungan ini (CLOUDFLARE_ACCOUNT_ID dan ANALYTICS_API_TOKEN).',
    en: 'Request metrics are not configured in this environment (CLOUDFLARE_ACCOUNT_ID and ANALYTICS_API_TOKEN).',
  },
  'metrics.rangeInvalid': {
    id: 'Akhir rentang harus setelah awalnya.',
    en: 'The end of the range must come after its start.',
  },
  'metrics.rangeTooLong': {
    id: 'Rentang metrik paling panjang 7 hari.',
    en: 'A metrics range covers at most 7 days.',
  },
  'metrics.tooManyBuckets': {
    id: 'Terlalu banyak titik: perbesar stepMinutes atau perpendek rentang (paling banyak 1.440 titik).',
    en: 'Too many points: widen stepMinutes or shorten the range (at most 1,440 points).',
  },
  'incidents.notFound': {
    id: 'Insiden tidak ditemukan.',
    en: 'Incident not found.',
  },
} as const;
