import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { useMe } from '../../auth/me';
import { useTranslation } from '../../i18n/language';
import { CheckboxField, SelectField, TextField } from '../../ui/field';
import { Refusal } from '../../ui/refusal';
import { manageableRoles, type TenantRole, type User, useApplyUser } from './staff-shared';

const shownPaths = ['name', 'email', 'phone', 'role', 'pin'];

/**
 * Name, login, role and PIN, sent with the `version` shown (a stale one is refused with 409).
 * Only what changed is sent: an empty e-mail or phone removes it, "Hapus PIN" removes the PIN.
 */
export function UserProfileForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const me = useMe();
  const applyUser = useApplyUser();
  const roles = manageableRoles(me.data);
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email ?? '');
  const [phone, setPhone] = useState(user.phone ?? '');
  const [role, setRole] = useState<TenantRole>(user.role);
  const [pin, setPin] = useState('');
  const [removePin, setRemovePin] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      data(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: {
            version: user.version,
            ...(name.trim() !== user.name ? { name: name.trim() } : {}),
            ...(email.trim() !== (user.email ?? '') ? { email: email.trim() || null } : {}),
            ...(phone.trim() !== (user.phone ?? '') ? { phone: phone.trim() || null } : {}),
            ...(role !== user.role ? { role } : {}),
            ...(removePin ? { pin: null } : pin ? { pin } : {}),
          },
        }),
      ),
    onSuccess: async (updated) => {
      setPin('');
      setRemovePin(false);
      setEmail(updated.email ?? '');
      setPhone(updated.phone ?? '');
      await applyUser(updated);
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <TextField
        scope="profile"
        label={t('staff.name')}
        path="name"
        error={save.error}
        value={name}
        onChange={(event) => setName(event.target.value)}
        autoComplete="off"
        required
      />
      <SelectField
        scope="profile"
        label={t('user.role')}
        path="role"
        error={save.error}
        value={role}
        onChange={(event) => setRole(event.target.value as TenantRole)}
      >
        {roles.map((option) => (
          <option key={option} value={option}>
            {t(`role.${option}`)}
          </option>
        ))}
      </SelectField>
      <TextField
        scope="profile"
        label={t('staff.email')}
        path="email"
        error={save.error}
        type="email"
        hint={t('staff.loginHint')}
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        autoComplete="off"
      />
      <TextField
        scope="profile"
        label={t('staff.phone')}
        path="phone"
        error={save.error}
        type="tel"
        value={phone}
        onChange={(event) => setPhone(event.target.value)}
        autoComplete="off"
      />
      <TextField
        scope="profile"
        label={t('staff.newPin')}
        path="pin"
        error={save.error}
        type="password"
        inputMode="numeric"
        hint={t('staff.newPinHint')}
        value={pin}
        onChange={(event) => setPin(event.target.value.replace(/\D/g, ''))}
        autoComplete="off"
        maxLength={8}
        disabled={removePin}
      />
      <CheckboxField
        scope="profile"
        label={t('staff.removePin')}
        path="remove-pin"
        checked={removePin}
        onChange={(event) => setRemovePin(event.target.checked)}
      />
      <Refusal error={save.error} shown={shownPaths} />
      {save.isSuccess ? (
        <p className="success" role="status">
          {t('staff.profileSaved', { name: save.data.name })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('common.save')}
        </button>
      </div>
    </form>
  );
}
