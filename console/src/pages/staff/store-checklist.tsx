import { useTranslation } from '../../i18n/language';
import { CheckboxField, fieldError } from '../../ui/field';
import type { MeStore } from './staff-shared';

/** The caller's stores as checkboxes; the API's refusal of `storeIds` is shown under them. */
export function StoreChecklist({
  scope,
  stores,
  selected,
  onChange,
  error,
}: {
  scope: string;
  stores: MeStore[];
  selected: string[];
  onChange: (storeIds: string[]) => void;
  error: unknown;
}) {
  const { t } = useTranslation();
  const message = fieldError(error, 'storeIds');
  return (
    <fieldset>
      <legend>{t('staff.storesLegend')}</legend>
      {stores.length === 0 ? <p className="muted">{t('staff.noStoresToAssign')}</p> : null}
      {stores.map((store) => (
        <CheckboxField
          key={store.id}
          scope={scope}
          label={`${store.name} (${store.code})`}
          path={`store-${store.id}`}
          checked={selected.includes(store.id)}
          onChange={(event) =>
            onChange(
              event.target.checked
                ? [...selected, store.id]
                : selected.filter((id) => id !== store.id),
            )
          }
        />
      ))}
      {message ? (
        <p className="field-error" role="alert">
          {message}
        </p>
      ) : null}
    </fieldset>
  );
}
