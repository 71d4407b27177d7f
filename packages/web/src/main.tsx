import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { I18nProvider } from './i18n/i18n';
import { MetaProvider } from './state/meta';
import { RouterProvider } from './state/router';
import './styles.css';

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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nProvider>
      <RouterProvider>
        <MetaProvider>
          <App />
        </MetaProvider>
      </RouterProvider>
    </I18nProvider>
  </StrictMode>,
);
