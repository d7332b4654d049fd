/**
 * Languages the API answers in. Bahasa Indonesia is the default; English when the client's
 * Accept-Language prefers it.
 */
export const languages = ['id', 'en'] as const;
export type Language = (typeof languages)[number];
export const defaultLanguage: Language = 'id';

export type LocalizedText = Record<Language, string>;

/**
 * Picks the supported language with the highest q-value in an Accept-Language header
 * (RFC 9110 §12.5.4). Ties keep the header's order; anything unsupported falls back to Indonesian.
 */
export function negotiateLanguage(acceptLanguage: string | null | undefined): Language {
  if (!acceptLanguage) return defaultLanguage;
  let best: { language: Language; quality: number } | undefined;
  for (const part of acceptLanguage.split(',')) {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0];
    const language = languages.find((candidate) => candidate === primary);
    if (!language) continue;
    const qualityParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const quality = qualityParam ? Number.parseFloat(qualityParam.slice(2)) : 1;
    if (!Number.isFinite(quality) || quality <= 0) continue;
    if (!best || quality > best.quality) best = { language, quality };
  }
  return best?.language ?? defaultLanguage;
}

/** Replaces `{name}` placeholders with the given parameters. */
export function interpolate(text: string, params: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}
