import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { Link } from 'react-router';
import { Anchor, Badge, Stack, Tabs, Text, Title } from '@mantine/core';
import { graphql } from '../gql';
import type { ReferralsQuery as ReferralsQueryType } from '../gql/graphql';
import { useSession } from '../session';
import { ErrorAlert, Loading } from '../components/common';
import { AnswerReferral } from './case/ReferralsTab';
import { ReferralCard } from './case/ReferralCard';

const ReferralsQueryDoc = graphql(`
  query Referrals($communityID: ID!) {
    referrals(first: 200, where: { communityID: $communityID }, orderBy: { field: SENT_AT, direction: DESC }) {
      edges {
        node {
          id caseID reason urgent status sentAt answeredAt declineReason
          fromOrganization { id name }
          toOrganization { id name }
        }
      }
    }
  }
`);

type Referral = NonNullable<NonNullable<ReferralsQueryType['referrals']['edges']>[number]>['node'];

function List({ items, incoming, reload }: { items: NonNullable<Referral>[]; incoming: boolean; reload: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  if (items.length === 0) return <Text c="dimmed">{t('referral.none')}</Text>;
  return (
    <Stack gap="xs">
      {items.map((r) => (
        <ReferralCard key={r.id} r={r} title={incoming ? r.fromOrganization.name : r.toOrganization.name}>
          {incoming && r.status === 'SENT' && can('referral', 'update') && <AnswerReferral id={r.id} onDone={reload} />}
          {(!incoming || r.status === 'ACCEPTED') && <Anchor component={Link} to={`/cases/${r.caseID}`} size="sm">{t('referrals.openCase')}</Anchor>}
        </ReferralCard>
      ))}
    </Stack>
  );
}

/** Referrals to and from the viewer's organisations; a pending one shows no case until accepted. */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const { community, organizations } = useSession();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: ReferralsQueryDoc, variables: { communityID: community?.id ?? '' }, pause: !community });
  const mine = new Set(organizations.map((o) => o.id));
  const all = (data?.referrals.edges ?? []).map((e) => e!.node!).filter(Boolean);
  const incoming = all.filter((r) => mine.has(r.toOrganization.id));
  const outgoing = all.filter((r) => mine.has(r.fromOrganization.id));
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  const waiting = incoming.filter((r) => r.status === 'SENT').length;
  return (
    <Stack maw={960}>
      <Title order={1} size="h2">{t('referrals.title')}</Title>
      <ErrorAlert error={data ? undefined : error} />
      {fetching && !data ? <Loading /> : (
        <Tabs defaultValue="incoming">
          <Tabs.List>
            <Tabs.Tab value="incoming">{t('referrals.incoming')}{waiting > 0 && <Badge ml={6} size="sm" color="red">{waiting}</Badge>}</Tabs.Tab>
            <Tabs.Tab value="outgoing">{t('referrals.outgoing')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="incoming" pt="md"><List items={incoming} incoming reload={reload} /></Tabs.Panel>
          <Tabs.Panel value="outgoing" pt="md"><List items={outgoing} incoming={false} reload={reload} /></Tabs.Panel>
        </Tabs>
      )}
    </Stack>
  );
}
