import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { api, data } from '../../api/client';
import { useTranslation } from '../../i18n/language';
import { CheckboxField, fieldError } from '../../ui/field';
import { Refusal } from '../../ui/refusal';
import { type TenantPermission, tenantPermissions, type User, useApplyUser } from './staff-shared';

type Kind = 'permissionsGranted' | 'permissionsRevoked';

/**
 * Owners only (the API answers 403 to anyone else): permissions added to the role's defaults and
 * permissions taken from them. One permission is never both: ticking one side clears the other.
 */
export function UserPermissionsForm({ user }: { user: User }) {
  const { t } = useTranslation();
  const applyUser = useApplyUser();
  const [granted, setGranted] = useState<TenantPermission[]>(user.permissionsGranted);
  const [revoked, setRevoked] = useState<TenantPermission[]>(user.permissionsRevoked);

  const save = useMutation({
    mutationFn: () =>
      data(
        api.PATCH('/api/v1/users/{id}', {
          params: { path: { id: user.id } },
          body: { version: user.version, permissionsGranted: granted, permissionsRevoked: revoked },
        }),
      ),
    onSuccess: applyUser,
  });

  function toggle(kind: Kind, permission: TenantPermission, on: boolean) {
    const [mine, setMine, setOther] =
      kind === 'permissionsGranted'
        ? [granted, setGranted, setRevoked]
        : [revoked, setRevoked, setGranted];
    setMine(on ? [...mine, permission] : mine.filter((item) => item !== permission));
    if (on) setOther((other) => other.filter((item) => item !== permission));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }

  return (
    <form className="form" onSubmit={submit} noValidate>
      <p className="muted">{t('staff.permissionsHint')}</p>
      {(['permissionsGranted', 'permissionsRevoked'] as const).map((kind) => {
        const chosen = kind === 'permissionsGranted' ? granted : revoked;
        const message = fieldError(save.error, kind);
        return (
          <fieldset key={kind}>
            <legend>{t(`staff.${kind}`)}</legend>
            {tenantPermissions.map((permission) => (
              <CheckboxField
                key={permission}
                scope={kind}
                label={t(`staff.permission.${permission}`)}
                path={permission}
                checked={chosen.includes(permission)}
                onChange={(event) => toggle(kind, permission, event.target.checked)}
              />
            ))}
            {message ? (
              <p className="field-error" role="alert">
                {message}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      <Refusal error={save.error} shown={['permissionsGranted', 'permissionsRevoked']} />
      {save.isSuccess ? (
        <p className="success" role="status">
          {t('staff.permissionsSaved', { name: user.name })}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('staff.savePermissions')}
        </button>
      </div>
    </form>
  );
}
