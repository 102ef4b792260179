import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/ApiContext';
import { DataProvider } from './api/query';
import { createApiClient } from './api/client';
import { httpTransport, ipcTransport, readBrowserSecret, type Transport } from './api/transport';
import { App } from './app/App';
import { ErrorBoundary } from './app/ErrorBoundary';
import { NoSecretPage } from './app/NoSecretPage';

/** The desktop shell's preload bridge if there is one; otherwise browser mode, which needs the run's secret. */
function pickTransport(): Transport | null {
  if (window.retentionDesk) return ipcTransport(window.retentionDesk);
  const secret = readBrowserSecret();
  return secret ? httpTransport(secret) : null;
}

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root');
const transport = pickTransport();

if (!window.retentionDesk) {
  // Pasting a newly printed address (after a restart, or onto the "no secret" page) into this same tab only
  // changes the fragment, which does not reload the page: take the new secret and start again with it.
  window.addEventListener('hashchange', () => {
    if (/(?:^#|&)secret=/.test(window.location.hash) && readBrowserSecret()) window.location.reload();
  });
}

createRoot(container).render(
  <StrictMode>
    <ErrorBoundary>
      {transport ? (
        <ApiProvider client={createApiClient(transport)}>
          <DataProvider>
            <App />
          </DataProvider>
        </ApiProvider>
      ) : (
        <NoSecretPage />
      )}
    </ErrorBoundary>
  </StrictMode>,
);
