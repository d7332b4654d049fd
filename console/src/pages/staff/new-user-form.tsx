import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { useTranslation } from '../../i18n/language';
import { SelectField, TextField } from '../../ui/field';
import { Refusal } from '../../ui/refusal';
import { manageableRoles, type TenantRole } from './staff-shared';
import { StoreChecklist } from './store-checklist';

const shownPaths = ['name', 'email', 'phone', 'role', 'password', 'pin', 'storeIds'];

/** A new staff member: a login (e-mail or phone), a role the caller may give, stores, a PIN. */
export function NewUserForm() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const me = useMe();
  const roles = manageableRoles(me.data);
  const stores = me.data?.stores ?? [];
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [chosenRole, setRole] = useState<TenantRole>();
  const [password, setPassword] = useState('');
  const [pin, setPin] = useState('');
  const [storeIds, setStoreIds] = useState<string[]>([]);
  const [created, setCreated] = useState<string>();
  // Cashier until the user picks another (the most common new hire), if the caller may give it.
  const role = chosenRole ?? (roles.includes('cashier') ? 'cashier' : roles[0]);

  const create = useMutation({
    mutationFn: () =>
      data(
        api.POST('/api/v1/users', {
          body: {
            name: name.trim(),
            role: role ?? 'cashier',
            password,
            ...(email.trim() ? { email: email.trim() } : {}),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
            ...(pin ? { pin } : {}),
            // Owners work in every store: an assignment would mean nothing.
            storeIds: role === 'owner' ? [] : storeIds,
          },
        }),
      ),
    onSuccess: async (user) => {
      setCreated(user.name);
      setName('');
      setEmail('');
      setPhone('');
      setPassword('');
      setPin('');
      setStoreIds([]);
      await queryClient.invalidateQueries({ queryKey: ['users', 'list'] });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    setCreated(undefined);
    create.mutate();
  }

  if (me.data && roles.length === 0) return <p className="muted">{t('staff.cannotManage')}</p>;

  return (
    <form className="form" onSubmit={submit} noValidate>
      <div className="field-grid">
        <TextField
          scope="new-user"
          label={t('staff.name')}
          path="name"
          error={create.error}
          value={name}
          onChange={(event) => setName(event.target.value)}
          autoComplete="off"
          required
        />
        <SelectField
          scope="new-user"
          label={t('user.role')}
          path="role"
          error={create.error}
          value={role ?? ''}
          onChange={(event) => setRole(event.target.value as TenantRole)}
        >
          {roles.map((option) => (
            <option key={option} value={option}>
              {t(`role.${option}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          scope="new-user"
          label={t('staff.email')}
          path="email"
          error={create.error}
          type="email"
          hint={t('staff.loginHint')}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          autoComplete="off"
        />
        <TextField
          scope="new-user"
          label={t('staff.phone')}
          path="phone"
          error={create.error}
          type="tel"
          value={phone}
          onChange={(event) => setPhone(event.target.value)}
          autoComplete="off"
        />
        <TextField
          scope="new-user"
          label={t('staff.password')}
          path="password"
          error={create.error}
          type="password"
          hint={t('staff.passwordHint')}
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          autoComplete="new-password"
          required
        />
        <TextField
          scope="new-user"
          label={t('staff.pin')}
          path="pin"
          error={create.error}
          type="password"
          inputMode="numeric"
          hint={t('staff.pinHint')}
          value={pin}
          onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
          autoComplete="off"
          maxLength={8}
        />
      </div>
      {role === 'owner' ? (
        <p className="muted">{t('staff.ownerStores')}</p>
      ) : (
        <StoreChecklist
          scope="new-user"
          stores={stores}
          selected={storeIds}
          onChange={setStoreIds}
          error={create.error}
        />
      )}
      <Refusal error={create.error} shown={shownPaths} />
      {created ? (
        <p className="success" role="status">
          {t('staff.created', { name: created })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={create.isPending || !role}>
          {t('staff.create')}
        </button>
      </div>
    </form>
  );
}
