import { lazy, Suspense, useEffect, useId, useState } from 'react';
import { ApiError, setToken } from './api/client';
import { attributionText, ErrorBox } from './components/common';
import { LANGS, useI18n } from './i18n/i18n';
import { LiveBar } from './live/LiveBar';
import type { MessageKey } from './i18n/en';
import { useMeta } from './state/meta';
import { useRouter } from './state/router';
import { clearApiCache } from './state/useApi';
import { CorrelationView } from './views/correlation/CorrelationView';

const PairView = lazy(() => import('./views/correlation/PairView').then((m) => ({ default: m.PairView })));
const DataView = lazy(() => import('./views/DataView').then((m) => ({ default: m.DataView })));
const ExposureView = lazy(() => import('./views/ExposureView').then((m) => ({ default: m.ExposureView })));
const PairTradeView = lazy(() => import('./views/PairTradeView').then((m) => ({ default: m.PairTradeView })));
const RiskView = lazy(() => import('./views/risk/RiskView').then((m) => ({ default: m.RiskView })));
const StrengthView = lazy(() => import('./views/StrengthView').then((m) => ({ default: m.StrengthView })));
const VolatilityView = lazy(() => import('./views/VolatilityView').then((m) => ({ default: m.VolatilityView })));
const PerformanceView = lazy(() => import('./views/performance/PerformanceView').then((m) => ({ default: m.PerformanceView })));
const CrossView = lazy(() => import('./views/cross/CrossView').then((m) => ({ default: m.CrossView })));

// Views other than the correlation matrix load on demand (smaller first bundle).
interface NavItem {
  readonly path: string;
  readonly key: MessageKey;
}

/** Views in the navigation bar. */
const NAV: readonly NavItem[] = [
  { path: '/correlation', key: 'nav.correlation' },
  { path: '/volatility', key: 'nav.volatility' },
  { path: '/risk', key: 'nav.risk' },
  { path: '/strength', key: 'nav.strength' },
  { path: '/exposure', key: 'nav.exposure' },
  { path: '/pair', key: 'nav.pair' },
  { path: '/performance', key: 'nav.performance' },
  { path: '/cross', key: 'nav.cross' },
  { path: '/data', key: 'nav.data' },
];

function TokenPrompt({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const id = useId();
  const [value, setValue] = useState('');
  return (
    <div className="card token" role="dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('token.title')}</h2>
      <p>{t('token.help')}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setToken(value.trim());
          clearApiCache();
          onDone();
        }}
      >
        <label htmlFor={id}>{t('token.label')}</label> <input id={id} type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} autoFocus />{' '}
        <button type="submit" className="primary">
          {t('token.submit')}
        </button>
      </form>
    </div>
  );
}

function Page() {
  const { location } = useRouter();
  const path = location.path;
  if (path === '/' || path === '/correlation') return <CorrelationView />;
  if (path === '/correlation/pair') return <PairView />;
  if (path === '/data') return <DataView />;
  if (path === '/volatility') return <VolatilityView />;
  if (path === '/risk') return <RiskView />;
  if (path === '/strength') return <StrengthView />;
  if (path === '/exposure') return <ExposureView />;
  if (path === '/pair') return <PairTradeView />;
  if (path === '/performance') return <PerformanceView />;
  if (path === '/cross') return <CrossView />;
  return <CorrelationView />;
}

export function App() {
  const i18n = useI18n();
  const { t, lang, setLang } = i18n;
  const { location, navigate, href, update } = useRouter();
  const meta = useMeta();
  const needToken = meta.error instanceof ApiError && meta.error.code === 'unauthorized';
  const [, setAuthTick] = useState(0);

  useEffect(() => {
    document.title = `${t('app.title')} · ${t('app.tagline')}`;
  }, [t]);

  const active = (p: string): boolean => location.path === p || (p === '/correlation' && (location.path === '/' || location.path.startsWith('/correlation')));
  const src = meta.data?.source;

  return (
    <>
      <a href="#main" className="skip">
        {t('app.skip')}
      </a>
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true" />
          <span>
            <strong>soukan</strong> <span lang="ja">相関</span>
          </span>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label="soukan">
          {NAV.map((n) => (
            <a
              key={n.path}
              href={href(n.path, { source: location.params.get('source') ?? undefined })}
              aria-current={active(n.path) ? 'page' : undefined}
              onClick={(e) => {
                if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
                e.preventDefault();
                navigate(n.path, { source: location.params.get('source') ?? undefined });
              }}
              data-nav={n.path.slice(1)}
            >
              {t(n.key)}
            </a>
          ))}
        </nav>
        {meta.data && meta.data.sources.length > 1 && (
          <label className="source-pick">
            <span>{t('app.source')}</span>
            <select value={location.params.get('source') ?? meta.data.source?.name ?? ''} onChange={(e) => update({ source: e.target.value === (meta.data?.sources[0]?.name ?? '') && !location.params.get('source') ? undefined : e.target.value })} data-testid="source-select">
              {meta.data.sources.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name} · {t(`data.freq.${x.frequency}`)}
                </option>
              ))}
            </select>
          </label>
        )}
        <div className="lang" role="group" aria-label={t('app.language')}>
          {LANGS.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={lang === l} onClick={() => setLang(l)} data-lang={l}>
              {l === 'en' ? 'English' : '日本語'}
            </button>
          ))}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {needToken ? (
          <TokenPrompt
            onDone={() => {
              meta.reload();
              setAuthTick((x) => x + 1);
            }}
          />
        ) : meta.error !== undefined && !meta.data ? (
          <ErrorBox error={meta.error} onRetry={meta.reload} />
        ) : (
          <>
            {meta.data && !src && location.path !== '/data' && <p className="warning">{t('app.noData')}</p>}
            <LiveBar />
            <Suspense fallback={<div className="spinner">{t('app.loading')}</div>}>
              <Page />
            </Suspense>
          </>
        )}
      </main>
      <footer>
        {src && (
          <span>
            {t('app.source')}: {src.name} · {t(`data.freq.${src.frequency}`)} · {t('app.series', { n: i18n.int(meta.data?.sources.find((x) => x.name === src.name)?.series ?? 0) })}
            {src.attribution ? ` · ${attributionText(src.attribution, t)}` : ''}
          </span>
        )}
        <span>soukan {meta.data?.version ?? ''}</span>
      </footer>
    </>
  );
}
