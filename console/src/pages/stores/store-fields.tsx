import { useTranslation } from '../../i18n/language';
import { CheckboxField, SelectField, TextField } from '../../ui/field';

/**
 * A store's settings as a form: used by the onboarding wizard (new stores) and the store
 * settings page (changes). Rates are typed as percentages and sent as basis points.
 */
export interface StoreDraft {
  /** React's key for a store not yet saved. */
  key: string;
  code: string;
  name: string;
  address: string;
  timezone: 'Asia/Jakarta' | 'Asia/Pontianak' | 'Asia/Makassar' | 'Asia/Jayapura';
  taxRegime: 'none' | 'ppn' | 'pbjt';
  taxRatePercent: string;
  serviceChargePercent: string;
  serviceChargeTaxable: boolean;
  pricesIncludeTax: boolean;
  cashRoundingStep: number;
  businessDayCutoffHour: string;
  requireOpenShift: boolean;
}

export function emptyStoreDraft(): StoreDraft {
  return {
    key: crypto.randomUUID(),
    code: '',
    name: '',
    address: '',
    timezone: 'Asia/Jakarta',
    taxRegime: 'pbjt',
    taxRatePercent: '10',
    serviceChargePercent: '0',
    serviceChargeTaxable: false,
    pricesIncludeTax: false,
    cashRoundingStep: 0,
    businessDayCutoffHour: '4',
    requireOpenShift: false,
  };
}

/** Basis points 1000 ↔ "10"; "11,5" and "11.5" both read as 11.5 %. */
export function percentToBasisPoints(percent: string): number {
  return Math.round(Number(percent.trim().replace(',', '.')) * 100);
}

export function basisPointsToPercent(basisPoints: number): string {
  return String(basisPoints / 100).replace('.', ',');
}

/** The fields both the create and the change requests carry, as the API names them. */
export function storeSettingsBody(draft: StoreDraft) {
  return {
    name: draft.name.trim(),
    address: draft.address.trim(),
    timezone: draft.timezone,
    taxRegime: draft.taxRegime,
    taxRateBasisPoints: draft.taxRegime === 'none' ? 0 : percentToBasisPoints(draft.taxRatePercent),
    serviceChargeBasisPoints: percentToBasisPoints(draft.serviceChargePercent),
    serviceChargeTaxable: draft.serviceChargeTaxable,
    pricesIncludeTax: draft.pricesIncludeTax,
    cashRoundingStep: draft.cashRoundingStep,
    businessDayCutoffHour: Number(draft.businessDayCutoffHour),
    requireOpenShift: draft.requireOpenShift,
  };
}

export function storeBody(draft: StoreDraft) {
  return { code: draft.code.trim(), ...storeSettingsBody(draft) };
}

interface StoreFieldsProps {
  draft: StoreDraft;
  onChange: (draft: StoreDraft) => void;
  /** Where the API's field errors for this store live: `stores.0.` in onboarding, '' alone. */
  pathPrefix: string;
  error: unknown;
  /** A saved store's code cannot change here. */
  codeLocked?: boolean;
}

export function StoreFields({ draft, onChange, pathPrefix, error, codeLocked }: StoreFieldsProps) {
  const { t } = useTranslation();
  const set = (changes: Partial<StoreDraft>) => onChange({ ...draft, ...changes });
  const path = (name: string) => `${pathPrefix}${name}`;
  return (
    <div className="field-grid">
      <TextField
        label={t('store.code')}
        path={path('code')}
        error={error}
        hint={t('store.codeHint')}
        value={draft.code}
        onChange={(event) => set({ code: event.target.value.toUpperCase() })}
        disabled={codeLocked}
        required
      />
      <TextField
        label={t('store.name')}
        path={path('name')}
        error={error}
        value={draft.name}
        onChange={(event) => set({ name: event.target.value })}
        required
      />
      <TextField
        label={t('store.address')}
        path={path('address')}
        error={error}
        value={draft.address}
        onChange={(event) => set({ address: event.target.value })}
      />
      <SelectField
        label={t('store.timezone')}
        path={path('timezone')}
        error={error}
        value={draft.timezone}
        onChange={(event) => set({ timezone: event.target.value as StoreDraft['timezone'] })}
      >
        <option value="Asia/Jakarta">WIB (Jakarta)</option>
        <option value="Asia/Pontianak">WIB (Pontianak)</option>
        <option value="Asia/Makassar">WITA (Makassar, Bali)</option>
        <option value="Asia/Jayapura">WIT (Jayapura)</option>
      </SelectField>
      <SelectField
        label={t('store.taxRegime')}
        path={path('taxRegime')}
        error={error}
        value={draft.taxRegime}
        onChange={(event) => set({ taxRegime: event.target.value as StoreDraft['taxRegime'] })}
      >
        <option value="pbjt">{t('store.taxPbjt')}</option>
        <option value="ppn">{t('store.taxPpn')}</option>
        <option value="none">{t('store.taxNone')}</option>
      </SelectField>
      {draft.taxRegime === 'none' ? null : (
        <TextField
          label={t('store.taxRate')}
          path={path('taxRateBasisPoints')}
          error={error}
          inputMode="decimal"
          value={draft.taxRatePercent}
          onChange={(event) => set({ taxRatePercent: event.target.value })}
        />
      )}
      <TextField
        label={t('store.serviceCharge')}
        path={path('serviceChargeBasisPoints')}
        error={error}
        inputMode="decimal"
        value={draft.serviceChargePercent}
        onChange={(event) => set({ serviceChargePercent: event.target.value })}
      />
      <CheckboxField
        label={t('store.serviceChargeTaxable')}
        path={path('serviceChargeTaxable')}
        error={error}
        checked={draft.serviceChargeTaxable}
        onChange={(event) => set({ serviceChargeTaxable: event.target.checked })}
      />
      <CheckboxField
        label={t('store.pricesIncludeTax')}
        path={path('pricesIncludeTax')}
        error={error}
        checked={draft.pricesIncludeTax}
        onChange={(event) => set({ pricesIncludeTax: event.target.checked })}
      />
      <SelectField
        label={t('store.cashRounding')}
        path={path('cashRoundingStep')}
        error={error}
        value={draft.cashRoundingStep}
        onChange={(event) => set({ cashRoundingStep: Number(event.target.value) })}
      >
        <option value={0}>{t('store.noRounding')}</option>
        <option value={100}>Rp 100</option>
        <option value={500}>Rp 500</option>
        <option value={1000}>Rp 1.000</option>
      </SelectField>
      <TextField
        label={t('store.cutoff')}
        path={path('businessDayCutoffHour')}
        error={error}
        hint={t('store.cutoffHint')}
        inputMode="numeric"
        value={draft.businessDayCutoffHour}
        onChange={(event) => set({ businessDayCutoffHour: event.target.value })}
      />
      <CheckboxField
        label={t('store.requireOpenShift')}
        path={path('requireOpenShift')}
        error={error}
        checked={draft.requireOpenShift}
        onChange={(event) => set({ requireOpenShift: event.target.checked })}
      />
    </div>
  );
}

/** The body fields StoreFields shows, for listing the refusals of fields it does not. */
StoreFields.paths = [
  'code',
  'name',
  'address',
  'timezone',
  'taxRegime',
  'taxRateBasisPoints',
  'serviceChargeBasisPoints',
  'serviceChargeTaxable',
  'pricesIncludeTax',
  'cashRoundingStep',
  'businessDayCutoffHour',
  'requireOpenShift',
];
