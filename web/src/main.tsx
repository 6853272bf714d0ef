import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Provider as UrqlProvider } from 'urql';
import { MantineProvider, createTheme } from '@mantine/core';
import '@mantine/core/styles.css';
import './styles.css';
import i18n from './i18n';
import { createClient } from './api/client';
import { App } from './App';

document.documentElement.lang = i18n.language;

const theme = createTheme({ primaryColor: 'teal', defaultRadius: 'md', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <UrqlProvider value={createClient()}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </UrqlProvider>
    </MantineProvider>
  </StrictMode>,
);
