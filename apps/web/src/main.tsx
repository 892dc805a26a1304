import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './api/queries';
import { App } from './app/App';
import { i18n, startInDetectedLanguage } from './i18n';
import 'react-grid-layout/css/styles.css';
import './styles.css';

// English texts are fetched before the first render, so nobody sees the page change language.
void startInDetectedLanguage().finally(() => {
  const container = document.getElementById('root');
  if (!container) throw new Error(i18n.t('common:app.noRoot'));
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={createQueryClient()}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
});
