import { useMutation, useQuery } from '@tanstack/react-query';
import { api, data } from '../../api/client';
import type { components } from '../../api/schema';
import { useTranslation } from '../../i18n/language';
import { ProblemMessage } from '../../ui/problem-message';

export type ExportRequest = components['schemas']['ReportExportRequest'];

/**
 * An export is queued (202), built by the queue consumer, then downloaded with the access token
 * (so not a plain link): the button shows each step, and the file is saved under the API's name.
 */
export function ExportButton({ request }: { request: ExportRequest }) {
  const { t } = useTranslation();
  const start = useMutation({
    mutationFn: () => data(api.POST('/api/v1/reports/exports', { body: request })),
  });
  const exportId = start.data?.id;
  const status = useQuery({
    queryKey: ['report-export', exportId],
    queryFn: () =>
      data(api.GET('/api/v1/reports/exports/{id}', { params: { path: { id: exportId ?? '' } } })),
    enabled: Boolean(exportId),
    refetchInterval: (query) => {
      const state = query.state.data?.status;
      return state === 'ready' || state === 'failed' || state === 'expired' ? false : 1_000;
    },
  });
  const download = useMutation({
    mutationFn: async () => {
      const { data: file } = await api.GET('/api/v1/reports/exports/{id}/download', {
        params: { path: { id: exportId ?? '' } },
        parseAs: 'blob',
      });
      const url = URL.createObjectURL(file as Blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = status.data?.fileName ?? 'kasir-export.csv';
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  });

  const state = status.data?.status ?? (start.isPending ? 'queued' : undefined);
  return (
    <div className="export">
      <button
        type="button"
        onClick={() => start.mutate()}
        disabled={start.isPending || state === 'queued' || state === 'building'}
      >
        {t('reports.export')}
      </button>
      {state ? (
        <span className="muted" role="status">
          {t(`reports.exportStatus.${state}`)}
          {status.data?.rowCount != null
            ? ` · ${t('reports.rows', { count: status.data.rowCount })}`
            : ''}
        </span>
      ) : null}
      {state === 'ready' ? (
        <button
          type="button"
          className="primary"
          onClick={() => download.mutate()}
          disabled={download.isPending}
        >
          {t('reports.download')}
        </button>
      ) : null}
      {status.data?.status === 'failed' && status.data.error ? (
        <p className="problem">{status.data.error}</p>
      ) : null}
      <ProblemMessage error={start.error ?? status.error ?? download.error} />
    </div>
  );
}
