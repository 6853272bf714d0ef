import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';

/** The error of a form as a whole, announced when it appears; `fix` is a way to the step that fixes it. */
export function FormAlert({ message, fix }: { message: string | null; fix?: ReactNode }) {
  return <div aria-live="assertive">{message && <Alert color="red" role="alert">{message}{fix && <div>{fix}</div>}</Alert>}</div>;
}
