import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { LiveProvider } from './live/LiveProvider';
import { I18nProvider } from './i18n/i18n';
import { MetaProvider } from './state/meta';
import { RouterProvider } from './state/router';
import './styles.css';
import { prefetch } from './state/useApi';
import { correlationApiParams } from './views/correlation/CorrelationView';

// A token handed over in the fragment (#token=…) is kept for this tab and removed from the address bar.
const m = /(?:^#|&)token=([^&]+)/.exec(window.location.hash);
if (m) {
  try {
    sessionStorage.setItem('soukan.token', decodeURIComponent(m[1]!));
  } catch {
    /* storage disabled */
  }
  history.replaceState(null, '', window.location.pathname + window.location.search);
}

// The first view's data is requested now, while React and the charts start up.
const path = window.location.pathname.replace(/\/+$/, '') || '/';
const params = new URLSearchParams(window.location.search);
prefetch('/api/meta', { source: params.get('source') ?? undefined });
if (path === '/' || path === '/correlation') {
  const q = correlationApiParams(params);
  if (q.universe !== 'custom' || q.symbols.length >= 2) prefetch('/api/correlation', q.api);
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <RouterProvider>
        <MetaProvider>
          <LiveProvider>
            <App />
          </LiveProvider>
        </MetaProvider>
      </RouterProvider>
    </I18nProvider>
  </StrictMode>,
);
