import { useMutation } from '@tanstack/react-query';
import { createLazyRoute, useNavigate } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { ProblemError } from '../../api/problem';
import { useTranslation } from '../../i18n/language';
import { CheckboxField, SelectField, TextField } from '../../ui/field';
import { Refusal } from '../../ui/refusal';
import { emptyStoreDraft, type StoreDraft, StoreFields, storeBody } from '../stores/store-fields';

export const Route = createLazyRoute('/app/platform/companies/new')({ component: OnboardingPage });

/**
 * Operators onboard a company in one request (POST /platform/companies): the company, its owner
 * (with a temporary password they must change) and its stores with their tax settings. The
 * steps only split the form; the API validates everything at the end, and its refusals are shown
 * on their fields, the wizard going back to the first step that has one.
 */
const steps = ['company', 'owner', 'stores', 'review'] as const;
type Step = (typeof steps)[number];

interface CompanyDraft {
  name: string;
  legalName: string;
  npwp: string;
  isPkp: boolean;
  address: string;
  phone: string;
  plan: 'trial' | 'basic' | 'pro' | 'enterprise';
  defaultLanguage: 'id' | 'en';
}

interface OwnerDraft {
  name: string;
  email: string;
  phone: string;
  initialPassword: string;
}

const orNull = (value: string) => (value.trim() ? value.trim() : null);

function OnboardingPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [step, setStep] = useState<Step>('company');
  const [company, setCompany] = useState<CompanyDraft>({
    name: '',
    legalName: '',
    npwp: '',
    isPkp: false,
    address: '',
    phone: '',
    plan: 'trial',
    defaultLanguage: 'id',
  });
  const [owner, setOwner] = useState<OwnerDraft>({
    name: '',
    email: '',
    phone: '',
    initialPassword: '',
  });
  const [stores, setStores] = useState<StoreDraft[]>([emptyStoreDraft()]);

  const onboard = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/platform/companies', {
          // One key per attempt: a corrected form is a new request, a lost answer is not resent.
          params: { header: { 'idempotency-key': crypto.randomUUID() } },
          body: {
            company: {
              name: company.name.trim(),
              legalName: orNull(company.legalName),
              npwp: orNull(company.npwp),
              isPkp: company.isPkp,
              address: company.address.trim(),
              phone: orNull(company.phone),
              plan: company.plan,
              defaultLanguage: company.defaultLanguage,
            },
            owner: {
              name: owner.name.trim(),
              ...(owner.email.trim() ? { email: owner.email.trim() } : {}),
              ...(owner.phone.trim() ? { phone: owner.phone.trim() } : {}),
              initialPassword: owner.initialPassword,
            },
            stores: stores.map(storeBody),
          },
        }),
      ),
    onSuccess: (onboarded) =>
      navigate({
        to: '/platform/companies/$companyId',
        params: { companyId: onboarded.company.id },
      }),
    onError: (error) => {
      // Back to the first step with a refused field.
      const first = error instanceof ProblemError ? error.problem.errors?.[0]?.path : undefined;
      const section = first?.split('.')[0];
      if (section === 'company' || section === 'owner' || section === 'stores') setStep(section);
    },
  });

  const index = steps.indexOf(step);
  const error = onboard.error;
  const next = (event: FormEvent) => {
    event.preventDefault();
    const following = steps[index + 1];
    if (following) setStep(following);
    else onboard.mutate();
  };

  return (
    <section aria-labelledby="onboarding-title">
      <h1 id="onboarding-title">{t('onboarding.title')}</h1>
      <ol className="stepper" aria-label={t('onboarding.steps')}>
        {steps.map((name, position) => (
          <li
            key={name}
            aria-current={name === step ? 'step' : undefined}
            className={position < index ? 'done' : undefined}
          >
            {t(`onboarding.step.${name}`)}
          </li>
        ))}
      </ol>
      <form className="form" onSubmit={next} noValidate>
        {step === 'company' ? (
          <fieldset>
            <legend>{t('onboarding.step.company')}</legend>
            <TextField
              label={t('company.name')}
              path="company.name"
              error={error}
              value={company.name}
              onChange={(event) => setCompany({ ...company, name: event.target.value })}
              required
            />
            <TextField
              label={t('company.legalName')}
              path="company.legalName"
              error={error}
              value={company.legalName}
              onChange={(event) => setCompany({ ...company, legalName: event.target.value })}
            />
            <TextField
              label={t('company.npwp')}
              path="company.npwp"
              error={error}
              hint={t('company.npwpHint')}
              inputMode="numeric"
              value={company.npwp}
              onChange={(event) => setCompany({ ...company, npwp: event.target.value })}
            />
            <CheckboxField
              label={t('company.isPkp')}
              path="company.isPkp"
              error={error}
              checked={company.isPkp}
              onChange={(event) => setCompany({ ...company, isPkp: event.target.checked })}
            />
            <TextField
              label={t('company.address')}
              path="company.address"
              error={error}
              value={company.address}
              onChange={(event) => setCompany({ ...company, address: event.target.value })}
            />
            <TextField
              label={t('company.phone')}
              path="company.phone"
              error={error}
              inputMode="tel"
              value={company.phone}
              onChange={(event) => setCompany({ ...company, phone: event.target.value })}
            />
            <SelectField
              label={t('company.plan')}
              path="company.plan"
              error={error}
              value={company.plan}
              onChange={(event) =>
                setCompany({ ...company, plan: event.target.value as CompanyDraft['plan'] })
              }
            >
              <option value="trial">trial</option>
              <option value="basic">basic</option>
              <option value="pro">pro</option>
              <option value="enterprise">enterprise</option>
            </SelectField>
            <SelectField
              label={t('company.language')}
              path="company.defaultLanguage"
              error={error}
              value={company.defaultLanguage}
              onChange={(event) =>
                setCompany({ ...company, defaultLanguage: event.target.value as 'id' | 'en' })
              }
            >
              <option value="id">Bahasa Indonesia</option>
              <option value="en">English</option>
            </SelectField>
          </fieldset>
        ) : null}

        {step === 'owner' ? (
          <fieldset>
            <legend>{t('onboarding.step.owner')}</legend>
            <TextField
              label={t('owner.name')}
              path="owner.name"
              error={error}
              value={owner.name}
              onChange={(event) => setOwner({ ...owner, name: event.target.value })}
              required
            />
            <TextField
              label={t('owner.email')}
              path="owner.email"
              error={error}
              type="email"
              autoComplete="off"
              value={owner.email}
              onChange={(event) => setOwner({ ...owner, email: event.target.value })}
            />
            <TextField
              label={t('owner.phone')}
              path="owner.phone"
              error={error}
              inputMode="tel"
              value={owner.phone}
              onChange={(event) => setOwner({ ...owner, phone: event.target.value })}
            />
            <TextField
              label={t('owner.initialPassword')}
              path="owner.initialPassword"
              error={error}
              hint={t('owner.initialPasswordHint')}
              autoComplete="new-password"
              value={owner.initialPassword}
              onChange={(event) => setOwner({ ...owner, initialPassword: event.target.value })}
              required
            />
          </fieldset>
        ) : null}

        {step === 'stores' ? (
          <>
            {stores.map((store, position) => (
              <fieldset key={store.key}>
                <legend>{t('onboarding.storeNumber', { number: position + 1 })}</legend>
                <StoreFields
                  draft={store}
                  pathPrefix={`stores.${position}.`}
                  error={error}
                  onChange={(changed) =>
                    setStores(stores.map((item, at) => (at === position ? changed : item)))
                  }
                />
                {stores.length > 1 ? (
                  <button
                    type="button"
                    onClick={() => setStores(stores.filter((_item, at) => at !== position))}
                  >
                    {t('onboarding.removeStore')}
                  </button>
                ) : null}
              </fieldset>
            ))}
            <button type="button" onClick={() => setStores([...stores, emptyStoreDraft()])}>
              {t('onboarding.addStore')}
            </button>
          </>
        ) : null}

        {step === 'review' ? (
          <dl className="facts">
            <dt>{t('company.name')}</dt>
            <dd>{company.name}</dd>
            <dt>{t('company.isPkp')}</dt>
            <dd>{company.isPkp ? t('common.yes') : t('common.no')}</dd>
            <dt>{t('owner.name')}</dt>
            <dd>
              {owner.name} {owner.email || owner.phone ? `(${owner.email || owner.phone})` : ''}
            </dd>
            <dt>{t('onboarding.step.stores')}</dt>
            <dd>{stores.map((store) => `${store.code} ${store.name}`).join(', ')}</dd>
          </dl>
        ) : null}

        <Refusal error={error} shown={visiblePaths(step, stores.length)} />
        <div className="actions">
          {index > 0 ? (
            <button type="button" onClick={() => setStep(steps[index - 1] ?? 'company')}>
              {t('common.back')}
            </button>
          ) : null}
          <button type="submit" className="primary" disabled={onboard.isPending}>
            {step === 'review'
              ? onboard.isPending
                ? t('onboarding.submitting')
                : t('onboarding.submit')
              : t('common.next')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Paths whose refusals the current step shows beside a field (the rest are listed below). */
function visiblePaths(step: Step, storeCount: number): string[] {
  const company = [
    'name',
    'legalName',
    'npwp',
    'isPkp',
    'address',
    'phone',
    'plan',
    'defaultLanguage',
  ].map((name) => `company.${name}`);
  const owner = ['name', 'email', 'phone', 'initialPassword'].map((name) => `owner.${name}`);
  const stores = Array.from({ length: storeCount }, (_item, position) =>
    StoreFields.paths.map((name) => `stores.${position}.${name}`),
  ).flat();
  return step === 'company' ? company : step === 'owner' ? owner : step === 'stores' ? stores : [];
}
