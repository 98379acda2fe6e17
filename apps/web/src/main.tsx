import '@digdir/designsystemet-css';
import '@digdir/designsystemet-theme';
import './app.css';
import { Spinner } from '@digdir/designsystemet-react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { App } from './app';
import { SessionProvider } from './lib/session';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <BrowserRouter>
      <SessionProvider fallback={<Spinner aria-label="Laster inn" data-size="lg" />}>
        <App />
      </SessionProvider>
    </BrowserRouter>
  </StrictMode>,
);
