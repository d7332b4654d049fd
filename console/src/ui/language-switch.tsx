import { setLanguage, useTranslation } from '../i18n/language';

export function LanguageSwitch() {
  const { language, t } = useTranslation();
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => setLanguage(language === 'id' ? 'en' : 'id')}
      aria-label={t('language.switch')}
    >
      {language === 'id' ? 'English' : 'Bahasa Indonesia'}
    </button>
  );
}
