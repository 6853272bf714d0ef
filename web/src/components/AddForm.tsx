import type { FormEventHandler, ReactNode } from 'react';
import { Button, Stack, Text } from '@mantine/core';
import { FormAlert } from './FormAlert';

/**
 * A small form under a list that adds to it: a bold title that names the
 * form (`id` is the title's), the form's alert, the inputs (`children`)
 * and a light submit button.
 */
export function AddForm({ id, title, alert, onSubmit, submitLabel, loading, className, children }: {
  id: string; title: string; alert: string | null; onSubmit: FormEventHandler<HTMLFormElement>;
  submitLabel: string; loading: boolean; className?: string; children: ReactNode;
}) {
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={id} className={className}>
      <Stack gap="xs">
        <Text fw={600} id={id}>{title}</Text>
        <FormAlert message={alert} />
        {children}
        <Button type="submit" loading={loading} w="fit-content" variant="light">{submitLabel}</Button>
      </Stack>
    </form>
  );
}
