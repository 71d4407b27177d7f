import { useEffect, useId, useRef, useState } from 'react';
import { apiGet, apiPost, apiUpload, ApiError } from '../api/client';
import type { FolderFiles, Job, ListResponse } from '../api/types';
import { Card, ErrorBox, ExportMenu } from '../components/common';
import { useI18n, type I18n } from '../i18n/i18n';
import { useMeta } from '../state/meta';
import { clearApiCache, useApi } from '../state/useApi';

const FORMATS = ['ecb', 'h10', 'fred-wide', 'histdata', 'mt4', 'mt5', 'csv-long', 'csv-wide'] as const;
const ZONES = ['UTC', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Tokyo', 'Europe/Moscow', 'EET'];

type Progress = { kind: 'sending'; sent: number; total: number } | { kind: 'job'; job: Job } | null;

/** Polls a job until it finishes. */
async function follow(job: Job, on: (j: Job) => void): Promise<Job> {
  let j = job;
  on(j);
  while (j.state === 'queued' || j.state === 'running') {
    await new Promise((r) => setTimeout(r, 250));
    j = await apiGet<Job>(`/api/jobs/${encodeURIComponent(j.id)}`);
    on(j);
  }
  return j;
}

function ProgressLine({ p, i18n }: { p: Progress; i18n: I18n }) {
  const { t } = i18n;
  if (!p) return null;
  if (p.kind === 'sending') {
    return (
      <div className="progress" data-testid="import-progress">
        <progress max={p.total || 1} value={p.sent} />
        <span>{t('data.phase.sending', { sent: i18n.bytes(p.sent), total: i18n.bytes(p.total) })}</span>
      </div>
    );
  }
  const j = p.job;
  const phase = j.state === 'queued' ? t('data.phase.queued') : j.progress ? t(`data.phase.${j.progress.phase}`) : t('app.loading');
  const f = j.progress?.fraction;
  return (
    <div className="progress" data-testid="import-progress">
      {j.state !== 'done' && j.state !== 'failed' && (f !== undefined ? <progress max={1} value={f} /> : <progress />)}
      <span>
        {phase}
        {f !== undefined && j.state === 'running' ? ` ${i18n.pct(f, 0)}` : ''}
        {j.progress?.rows ? ` · ${t('data.rows', { n: i18n.int(j.progress.rows) })}` : ''}
      </span>
    </div>
  );
}

function Outcome({ job, i18n }: { job: Job | null; i18n: I18n }) {
  const { t } = i18n;
  if (!job) return null;
  if (job.state === 'failed' && job.error) {
    return (
      <div data-testid="import-result">
        <ErrorBox error={new ApiError(job.error)} />
        <p>{t('data.unchanged')}</p>
      </div>
    );
  }
  if (job.state !== 'done' || !job.result) return null;
  const r = job.result;
  return (
    <p className="ok" role="status" data-testid="import-result">
      {t('data.result', {
        source: r.source,
        series: i18n.int(r.series.length),
        added: i18n.int(r.added),
        skipped: r.skipped ? t('data.result.skipped', { n: i18n.int(r.skipped) }) : '',
      })}
    </p>
  );
}

/** What is loaded, and the ways to add to it: upload, data folder, ECB download. */
export function DataView() {
  const i18n = useI18n();
  const { t } = i18n;
  const meta = useMeta();
  const list = useApi<ListResponse>('/api/list');
  const [progress, setProgress] = useState<Progress>(null);
  const [done, setDone] = useState<Job | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [file, setFile] = useState<File | null>(null);
  const [noFile, setNoFile] = useState(false);
  const [format, setFormat] = useState('');
  const [tz, setTz] = useState('');
  const [skip, setSkip] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [folder, setFolder] = useState<FolderFiles | null>(null);
  const abort = useRef<AbortController | null>(null);
  const ids = { file: useId(), format: useId(), tz: useId(), skip: useId() };
  const busy = progress !== null;
  const maxUpload = meta.data?.limits.maxUploadBytes ?? Infinity;

  useEffect(() => {
    if (meta.data?.imports.fromFolder) apiGet<FolderFiles>('/api/import/files').then(setFolder, setError);
  }, [meta.data?.imports.fromFolder]);

  const finish = (j: Job): void => {
    setProgress(null);
    setDone(j);
    if (j.state === 'done') {
      clearApiCache();
      list.reload();
      meta.reload();
    }
  };
  const run = async (start: () => Promise<Job>): Promise<void> => {
    setDone(null);
    setError(undefined);
    try {
      const job = await start();
      finish(await follow(job, (j) => setProgress({ kind: 'job', job: j })));
    } catch (e) {
      setProgress(null);
      setError(e);
    }
  };
  const upload = (): void => {
    if (!file) return setNoFile(true);
    setNoFile(false);
    abort.current = new AbortController();
    const q = new URLSearchParams({ name: file.name });
    if (format) q.set('input', format);
    if (tz) q.set('tz', tz);
    if (skip) q.set('skipBadRows', 'true');
    setProgress({ kind: 'sending', sent: 0, total: file.size });
    void run(() => apiUpload(`/api/import/upload?${q}`, file, (sent, total) => setProgress({ kind: 'sending', sent, total }), abort.current!.signal));
  };
  const tooBig = file !== null && file.size > maxUpload;

  return (
    <div className="view" data-testid="view-data">
      <h1>{t('data.heading')}</h1>
      {meta.data && <p className="muted">{meta.data.provider.path ? t('data.where.store', { path: meta.data.provider.path }) : meta.data.provider.kind === 'files' ? t('data.where.memory') : t('data.where', { location: meta.data.provider.location })}</p>}
      <Card title={t('data.upload')} testId="upload-card">
        <p className="muted">{t('data.upload.help')}</p>
        <form
          className="controls"
          onSubmit={(e) => {
            e.preventDefault();
            upload();
          }}
        >
          <div className="field">
            <label htmlFor={ids.file}>{t('data.upload.file')}</label>
            <input id={ids.file} type="file" name="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} aria-invalid={tooBig || undefined} />
            {noFile && !file && (
              <small className="invalid" role="alert">
                {t('data.upload.noFile')}
              </small>
            )}
            {tooBig && (
              <small className="invalid" role="alert">
                {t('data.upload.tooBig', { max: i18n.bytes(maxUpload) })}
              </small>
            )}
          </div>
          <div className="field">
            <label htmlFor={ids.format}>{t('data.upload.format')}</label>
            <select id={ids.format} value={format} onChange={(e) => setFormat(e.target.value)}>
              <option value="">{t('data.upload.format.auto')}</option>
              {FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={ids.tz}>{t('data.upload.tz')}</label>
            <select id={ids.tz} value={tz} onChange={(e) => setTz(e.target.value)}>
              <option value="">{t('data.upload.tz.default')}</option>
              {ZONES.map((z) => (
                <option key={z} value={z}>
                  {z}
                </option>
              ))}
            </select>
          </div>
          <div className="field check">
            <input id={ids.skip} type="checkbox" checked={skip} onChange={(e) => setSkip(e.target.checked)} />
            <label htmlFor={ids.skip}>{t('data.upload.skip')}</label>
          </div>
          <div className="field">
            <button type="submit" className="primary" disabled={busy || tooBig} data-testid="upload-submit">
              {t('data.upload.submit')}
            </button>
          </div>
          {progress?.kind === 'sending' && (
            <div className="field">
              <button type="button" onClick={() => abort.current?.abort()}>
                {t('data.upload.cancel')}
              </button>
            </div>
          )}
        </form>
        <ProgressLine p={progress} i18n={i18n} />
      </Card>
      {error !== undefined && (
        <div data-testid="import-result">
          <ErrorBox error={error} />
          <p>{t('data.unchanged')}</p>
        </div>
      )}
      <Outcome job={done} i18n={i18n} />

      <Card title={t('data.folder')} testId="folder-card">
        {!meta.data?.imports.fromFolder ? (
          <p className="muted">{t('data.folder.off')}</p>
        ) : folder && folder.files.length === 0 ? (
          <p className="muted">{t('data.folder.empty')}</p>
        ) : (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (picked.length) void run(() => apiPost<Job>('/api/import', { files: picked, ...(format ? { input: format } : {}), ...(tz ? { tz } : {}), ...(skip ? { skipBadRows: true } : {}) }));
            }}
          >
            <ul className="picklist files">
              {folder?.files.map((f) => (
                <li key={f.path}>
                  <label>
                    <input type="checkbox" checked={picked.includes(f.path)} onChange={() => setPicked((p) => (p.includes(f.path) ? p.filter((x) => x !== f.path) : [...p, f.path]))} /> {f.path}{' '}
                    <span className="muted">({i18n.bytes(f.bytes)})</span>
                  </label>
                </li>
              ))}
            </ul>
            <button type="submit" disabled={busy || picked.length === 0}>
              {t('data.folder.submit')}
            </button>
          </form>
        )}
      </Card>

      <Card title={t('data.ecb')} testId="ecb-card">
        <p className="muted">{t('data.ecb.help')}</p>
        <button type="button" disabled={busy} onClick={() => void run(() => apiPost<Job>('/api/import/ecb'))} data-testid="ecb-refetch">
          {t('data.ecb.submit')}
        </button>
      </Card>

      <Card
        title={t('data.stored')}
        testId="stored-card"
        actions={
          list.data && (
            <ExportMenu
              name="soukan-data"
              csv={() => [['source', 'symbol', 'kind', 'frequency', 'rows', 'first', 'last'], ...list.data!.series.map((s) => [s.source, s.symbol, s.kind, s.frequency, s.rows, s.first, s.last])]}
              json={() => list.data}
            />
          )
        }
      >
        {list.error !== undefined && <ErrorBox error={list.error} onRetry={list.reload} />}
        {list.data && (
          <div className="table-scroll">
            <table className="list" data-testid="stored-table">
              <thead>
                <tr>
                  {(['source', 'symbol', 'kind', 'frequency', 'rows', 'first', 'last'] as const).map((c) => (
                    <th key={c} scope="col">
                      {t(`data.col.${c}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {list.data.series.map((s) => (
                  <tr key={`${s.source}|${s.symbol}`}>
                    <td>{s.source}</td>
                    <td>{s.symbol}</td>
                    <td>{t(`data.kind.${s.kind}`)}</td>
                    <td>{t(`data.freq.${s.frequency}`)}</td>
                    <td className="num">{i18n.int(s.rows)}</td>
                    <td>{i18n.dateTime(s.first)}</td>
                    <td>{i18n.dateTime(s.last)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
