import { useTranslation } from '../i18n/language';

/** Which store a page shows ("Toko"); `allLabel` adds the company-wide choice `all`. */
export function StorePicker({
  stores,
  value,
  onChange,
  allLabel,
  label,
}: {
  stores: ReadonlyArray<{ id: string; name: string }>;
  /** Another word than "Toko" for what the store picks (e.g. whose prices are shown). */
  label?: string;
  value: string | undefined;
  onChange: (storeId: string) => void;
  allLabel?: string;
}) {
  const { t } = useTranslation();
  return (
    <label className="inline">
      <span>{label ?? t('today.store')}</span>
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {allLabel ? <option value="all">{allLabel}</option> : null}
        {stores.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
    </label>
  );
}
