import { useId, useState, type ReactNode, type RefObject } from 'react';
import type { ChartHandle } from '../charts/EChart';
import { useI18n } from '../i18n/i18n';
import { download, toCsv } from '../util/download';
import { csvHeader, withMeta, type ExportMeta } from '../util/exportMeta';

/**
 * PNG / SVG / CSV / JSON buttons for a chart or table. With `meta` every
 * file describes itself: images carry the caption, legend and source line;
 * CSV starts with a `#` header block; JSON has a `meta` object.
 */
export function ExportMenu({
  name,
  chart,
  csv,
  json,
  meta,
}: {
  name: string;
  chart?: RefObject<ChartHandle | null>;
  csv?: () => readonly (readonly unknown[])[];
  json?: () => unknown;
  meta?: () => ExportMeta;
}) {
  const { t } = useI18n();
  const image = async (type: 'png' | 'svg'): Promise<void> => {
    const c = chart?.current;
    if (!c) return;
    const out = meta && c.image ? await c.image(type, meta()) : type === 'png' ? c.png() : undefined;
    if (!out) return;
    if (type === 'png') download(`${name}.png`, out);
    else download(`${name}.svg`, out, 'image/svg+xml');
  };
  return (
    <div className="export" role="group" aria-label={`${t('export.label')}: ${name}`}>
      {chart && (
        <button type="button" data-export="png" onClick={() => void image('png')}>
          {t('export.png')}
        </button>
      )}
      {chart && meta && (
        <button type="button" data-export="svg" onClick={() => void image('svg')}>
          {t('export.svg')}
        </button>
      )}
      {csv && (
        <button type="button" data-export="csv" onClick={() => download(`${name}.csv`, (meta ? csvHeader(meta()) : '') + toCsv(csv()), 'text/csv')}>
          {t('export.csv')}
        </button>
      )}
      {json && (
        <button type="button" data-export="json" onClick={() => download(`${name}.json`, JSON.stringify(meta ? withMeta(meta(), json()) : json(), null, 1), 'application/json')}>
          {t('export.json')}
        </button>
      )}
    </div>
  );
}

/** An error in the user's language, with the server's English detail folded away. */
export function ErrorBox({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, error: explain } = useI18n();
  const { text, detail } = explain(error);
  return (
    <div className="error" role="alert" data-testid="error">
      <strong>{t('error.title')}</strong>
      <p>{text}</p>
      {detail && detail !== text && (
        <details>
          <summary>{t('error.detail')}</summary>
          <code lang="en">{detail}</code>
        </details>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}

/** A labelled select. */
export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  name,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  name: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons shown as a segmented control. */
export function Segmented<T extends string>({
  label,
  value,
  options,
  onChange,
  name,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  name: string;
}) {
  return (
    <fieldset className="field segmented">
      <legend>{label}</legend>
      <div>
        {options.map((o) => (
          <label key={o.value} className={o.value === value ? 'on' : undefined}>
            <input type="radio" name={name} value={o.value} checked={o.value === value} onChange={() => onChange(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/**
 * A text field validated as the user types: the value is committed only
 * when valid; otherwise the message (in the user's language) shows under it.
 */
export function TextField({
  label,
  value,
  onCommit,
  validate,
  hint,
  name,
  type = 'text',
  inputMode,
  width,
  list,
}: {
  list?: string;
  label: string;
  value: string;
  onCommit: (v: string) => void;
  validate: (v: string) => string | null;
  hint?: string;
  name: string;
  type?: string;
  inputMode?: 'numeric' | 'text' | 'decimal';
  width?: string;
}) {
  const id = useId();
  const msgId = `${id}-msg`;
  return (
    <ValidatedInput key={value} id={id} msgId={msgId} label={label} initial={value} onCommit={onCommit} validate={validate} hint={hint} name={name} type={type} inputMode={inputMode} width={width} list={list} />
  );
}


function ValidatedInput(p: {
  id: string;
  msgId: string;
  label: string;
  initial: string;
  onCommit: (v: string) => void;
  validate: (v: string) => string | null;
  hint?: string;
  name: string;
  type: string;
  inputMode?: 'numeric' | 'text' | 'decimal';
  width?: string;
  list?: string;
}) {
  const [text, setText] = useState(p.initial);
  const problem = p.validate(text);
  const commit = (): void => {
    if (!problem && text !== p.initial) p.onCommit(text);
  };
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        name={p.name}
        type={p.type}
        inputMode={p.inputMode}
        list={p.list}
        value={text}
        style={p.width ? { width: p.width } : undefined}
        aria-invalid={problem ? true : undefined}
        aria-describedby={p.msgId}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
      <small id={p.msgId} className={problem ? 'invalid' : 'hint'} role={problem ? 'alert' : undefined}>
        {problem ?? p.hint ?? ''}
      </small>
    </div>
  );
}

/**
 * The English prefix every attribution the API sends starts with (the data
 * layer's ECB and H.10 credit lines); the credit after it is a proper name.
 */
const SOURCE_PREFIX = 'Source: ';

/** A data source's credit line, with "Source:" in the user's language. */
export function attributionText(text: string, t: ReturnType<typeof useI18n>['t']): string {
  return text.startsWith(SOURCE_PREFIX) ? t('app.attribution', { credit: text.slice(SOURCE_PREFIX.length) }) : text;
}

/** The source line of an export: the data's credit (or the source's name) and the program that made the file. */
export function exportSource(t: ReturnType<typeof useI18n>['t'], version: string, attribution: string | null | undefined, source: string): string {
  return t('export.source', { version, source: attribution ? attributionText(attribution, t) : source });
}

/** The attribution paragraph under a view's results. */
export function Attribution({ text }: { text: string | null | undefined }) {
  const { t } = useI18n();
  return text ? <p className="attribution">{attributionText(text, t)}</p> : null;
}

/** A titled card. */
export function Card({ title, actions, children, testId }: { title?: ReactNode; actions?: ReactNode; children: ReactNode; testId?: string }) {
  return (
    <section className="card" data-testid={testId}>
      {(title || actions) && (
        <header>
          {title && <h2>{title}</h2>}
          {actions}
        </header>
      )}
      {children}
    </section>
  );
}
