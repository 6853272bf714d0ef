import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MantineProvider } from '@mantine/core';
import { Provider, type Client } from 'urql';
import { MemoryRouter } from 'react-router';
import { fromValue, never } from 'wonka';

/** Renders a component with the app's providers and a scripted API client. */
// The scripted client answers loosely typed: tests only script what they need.
export function renderWith(ui: ReactElement, client: Record<string, unknown> = {}) {
  const full = { executeQuery: () => never, executeMutation: () => never, executeSubscription: () => never, ...client } as unknown as Client;
  return render(
    <MantineProvider>
      <Provider value={full}>
        <MemoryRouter>{ui}</MemoryRouter>
      </Provider>
    </MantineProvider>,
  );
}

export { fromValue };
