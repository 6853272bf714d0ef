import { Alert } from '@mantine/core';

/** The error of a form as a whole, announced when it appears. */
export function FormAlert({ message }: { message: string | null }) {
  return <div aria-live="assertive">{message && <Alert color="red" role="alert">{message}</Alert>}</div>;
}
