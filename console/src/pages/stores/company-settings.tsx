import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { useTranslation } from '../../i18n/language';
import { CheckboxField, SelectField, TextField } from '../../ui/field';
import { ProblemMessage } from '../../ui/problem-message';
import { Refusal } from '../../ui/refusal';

type Company = components['schemas']['Company'];

/** The company's own record (settings.manage): names, NPWP and PKP status, contact, language. */
export function CompanySettings() {
  const company = useQuery({
    queryKey: ['company'],
    queryFn: () => data(api.GET('/api/v1/company')),
  });
  if (!company.data) return <ProblemMessage error={company.error} />;
  return <CompanyForm key={company.data.id} company={company.data} />;
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

function CompanyForm({ company }: { company: Company }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState({
    name: company.name,
    legalName: company.legalName ?? '',
    npwp: company.npwp ?? '',
    isPkp: company.isPkp,
    address: company.address,
    phone: company.phone ?? '',
    defaultLanguage: company.defaultLanguage,
  });
  const set = (changes: Partial<typeof draft>) => setDraft({ ...draft, ...changes });
  const save = useMutation({
    mutationFn: () =>
      data(
        api.PATCH('/api/v1/company', {
          body: {
            version: company.version,
            name: draft.name.trim(),
            legalName: orNull(draft.legalName),
            npwp: orNull(draft.npwp),
            isPkp: draft.isPkp,
            address: draft.address.trim(),
            phone: orNull(draft.phone),
            defaultLanguage: draft.defaultLanguage,
          },
        }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['company'], saved);
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field-grid">
        <TextField
          scope="company"
          label={t('company.name')}
          path="name"
          error={save.error}
          value={draft.name}
          onChange={(event) => set({ name: event.target.value })}
          required
        />
        <TextField
          scope="company"
          label={t('company.legalName')}
          path="legalName"
          error={save.error}
          value={draft.legalName}
          onChange={(event) => set({ legalName: event.target.value })}
        />
        <TextField
          scope="company"
          label={t('company.npwp')}
          path="npwp"
          error={save.error}
          hint={t('company.npwpHint')}
          inputMode="numeric"
          value={draft.npwp}
          onChange={(event) => set({ npwp: event.target.value })}
        />
        <TextField
          scope="company"
          label={t('company.address')}
          path="address"
          error={save.error}
          value={draft.address}
          onChange={(event) => set({ address: event.target.value })}
        />
        <TextField
          scope="company"
          label={t('company.phone')}
          path="phone"
          error={save.error}
          inputMode="tel"
          value={draft.phone}
          onChange={(event) => set({ phone: event.target.value })}
        />
        <SelectField
          scope="company"
          label={t('company.language')}
          path="defaultLanguage"
          error={save.error}
          value={draft.defaultLanguage}
          onChange={(event) =>
            set({ defaultLanguage: event.target.value as Company['defaultLanguage'] })
          }
        >
          <option value="id">Bahasa Indonesia</option>
          <option value="en">English</option>
        </SelectField>
        <CheckboxField
          scope="company"
          label={t('company.isPkp')}
          path="isPkp"
          error={save.error}
          checked={draft.isPkp}
          onChange={(event) => set({ isPkp: event.target.checked })}
        />
      </div>
      <Refusal
        error={save.error}
        shown={['name', 'legalName', 'npwp', 'isPkp', 'address', 'phone', 'defaultLanguage']}
      />
      {save.isSuccess ? (
        <p className="success" role="status">
          {t('common.saved')}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('company.save')}
        </button>
      </div>
    </form>
  );
}
