import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { print } from 'graphql';
import { Invitations } from './Invitations';
import { fromValue, renderWith } from '../render';
import i18n from '../i18n';

const invitation = { id: 'IN1', role: 'COMMUNITY_ADMIN', community: { id: 'CM1', name: 'Вінницька' }, organization: null };

function client(mutations: { query: string; variables: unknown }[]) {
  return {
    executeMutation: (op: { query: Parameters<typeof print>[0]; variables: unknown }) => {
      mutations.push({ query: print(op.query), variables: op.variables });
      return fromValue({ data: { acceptInvitation: { id: 'MB1', role: 'COMMUNITY_ADMIN', community: invitation.community } } });
    },
  };
}

describe('Invitations', () => {
  it('shows nothing when there is no invitation', () => {
    renderWith(<Invitations list={[]} onAnswered={() => undefined} />, client([]));
    expect(screen.queryByRole('region')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('offers the invitation in Ukrainian and accepts it, reloading the roles', async () => {
    void i18n.changeLanguage('uk');
    const mutations: { query: string; variables: unknown }[] = [];
    const onAnswered = vi.fn();
    renderWith(<Invitations list={[invitation]} onAnswered={onAnswered} />, client(mutations));
    expect(screen.getByText('Вас запрошено працювати в громаді Вінницька з роллю «Адміністратор громади».')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Прийняти' }));
    await waitFor(() => expect(onAnswered).toHaveBeenCalledTimes(1));
    expect(mutations).toHaveLength(1);
    expect(mutations[0].query).toContain('acceptInvitation');
    expect(mutations[0].variables).toEqual({ id: 'IN1' });
  });

  it('speaks English when asked', async () => {
    await i18n.changeLanguage('en');
    renderWith(<Invitations list={[invitation]} onAnswered={() => undefined} />, client([]));
    expect(screen.getByRole('button', { name: 'Decline' })).toBeTruthy();
    await i18n.changeLanguage('uk');
  });
});
