import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';
import { useLocation, useNavigate, useParams } from 'react-router';
import { Alert, Button, Group, Modal, Paper, Select, Stack, Tabs, Text, Textarea, Title } from '@mantine/core';
import { notify } from '../../notify';
import { graphql } from '../../gql';
import type { CaseStatus } from '../../gql/graphql';
import { errorRule, stepErrorMessage } from '../../api/errors';
import { RuleFix } from '../../components/RuleFix';
import { useSession, usePermissionsIn } from '../../session';
import { caseTitle, formatDate, formatDateTime, relativeTime, shortID } from '../../format';
import { DueBadge, PageState, StatusBadge } from '../../components/common';
import { Dates, DateTimeField, toInstant } from '../../components/dates';
import { HistoryPanel } from '../../components/HistoryPanel';
import { asCase, CaseQuery, type CaseData } from './caseQuery';
import { Overview } from './Overview';
import { Timeline } from './Timeline';
import { SafetyTab } from './SafetyTab';
import { NeedsTab } from './NeedsTab';
import { DecisionsTab } from './DecisionsTab';
import { PlacementsTab } from './PlacementsTab';
import { PlanTab } from './PlanTab';
import { ReferralsTab } from './ReferralsTab';
import { ServicesTab } from './ServicesTab';
import { DocumentsTab } from './DocumentsTab';
import { EmergencyBanner } from '../oversight/EmergencyBanner';
import { PrintHeader } from './print';
import { TransferToCommunity } from './TransferToCommunity';
import { TransferToOrganization } from './TransferToOrganization';

const CaseDeadlinesQuery = graphql(`
  query CaseDeadlines($communityID: ID!) {
    deadlines(communityID: $communityID) { kind due status legalBasisText { uk en } label { uk en } case { id } }
  }
`);

const TransitionMutation = graphql(`
  mutation TransitionCase($input: TransitionCaseInput!) {
    transitionCase(input: $input) { id status allowedTransitions }
  }
`);

/** What a tab needs: the case, what the viewer may do on it, and a way to reload it. */
export interface TabProps {
  c: CaseData;
  can: (object: string, action: string) => boolean;
  reload: () => void;
}

function Deadlines({ c }: { c: CaseData }) {
  const { t, i18n } = useTranslation();
  const [{ data }] = useQuery({ query: CaseDeadlinesQuery, variables: { communityID: c.communityID } });
  const mine = (data?.deadlines ?? []).filter((d) => d.case.id === c.id);
  if (mine.length === 0) return null;
  return (
    <Stack gap={4} component="ul" className="plain-list" aria-label={t('case.deadlines')}>
      {mine.map((d) => (
        <li key={d.kind}>
          <Group gap="xs" wrap="wrap">
            <DueBadge status={d.status} />
            <Text size="sm" fw={600}>{i18n.language === 'en' ? d.label.en : d.label.uk}:</Text>
            <Text size="sm">{formatDateTime(i18n.language, d.due)} ({relativeTime(i18n.language, d.due)})</Text>
            <Text size="xs" c="dimmed">{i18n.language === 'en' ? d.legalBasisText.en : d.legalBasisText.uk}</Text>
          </Group>
        </li>
      ))}
    </Stack>
  );
}

/** The next steps the procedure allows from here, each confirmed with a note for the timeline. */
function Transitions({ c, can, reload }: TabProps) {
  const { t, i18n } = useTranslation();
  const [to, setTo] = useState<CaseStatus | null>(null);
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState<string | null>(null);
  // Empty: now. A paper file entered later gives the day the move happened.
  const [occurredAt, setOccurredAt] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rule, setRule] = useState<string | undefined>();
  const [{ fetching }, transition] = useMutation(TransitionMutation);
  if (!can('case_file', 'update') || c.allowedTransitions.length === 0) return null;

  async function submit() {
    if (!to) return;
    if (to === 'CLOSED' && c.closureOptions.length > 0 && !outcome) return setError(t('case.outcomeRequired'));
    const r = await transition({ input: { id: c.id, to, note: note.trim() || null, outcome: to === 'CLOSED' ? outcome : null, occurredAt: toInstant(occurredAt) } });
    setRule(r.error && errorRule(r.error));
    if (r.error) return setError(stepErrorMessage(t, r.error));
    const now = r.data?.transitionCase.status;
    notify({ color: 'teal', message: now === to ? t('case.moved', { status: t(`caseStatus.${to}`) }) : t('case.movePending') });
    setTo(null);
    setNote('');
    setOutcome(null);
    setOccurredAt(null);
    reload();
  }

  return (
    <>
      <Group gap="xs" className="no-print" aria-label={t('case.nextSteps')} role="group">
        <Text size="sm" fw={600}>{t('case.nextSteps')}:</Text>
        {c.allowedTransitions.map((s) => (
          <Button key={s} size="xs" variant={s === 'CLOSED' || s === 'REFUSED' ? 'default' : 'light'} onClick={() => { setTo(s); setError(null); setRule(undefined); }}>
            {t(`transition.${s}`)}
          </Button>
        ))}
      </Group>
      <Modal opened={!!to} onClose={() => setTo(null)} title={to ? t('case.moveTitle', { status: t(`caseStatus.${to}`) }) : ''}>
        <Stack>
          {error && <Alert color="red" role="alert">{error}<div><RuleFix rule={rule} caseID={c.id} onGo={() => setTo(null)} /></div></Alert>}
          {to === 'CLOSED' && c.closureOptions.length > 0 && (
            <Select label={t('case.outcome')} required data={c.closureOptions.map((o) => ({ value: o.code, label: i18n.language === 'en' ? o.label.en : o.label.uk }))}
              value={outcome} onChange={setOutcome} comboboxProps={{ withinPortal: false }} />
          )}
          <DateTimeField label={t('case.occurredAt')} description={t('case.occurredAtHint')} clearable maxDate={new Date()}
            value={occurredAt} onChange={(v) => setOccurredAt(v ? String(v) : null)} popoverProps={{ withinPortal: false }} />
          <Textarea label={t('case.moveNote')} description={to === 'CLOSED' ? t('case.closeNoteHint') : undefined}
            value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={3} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setTo(null)}>{t('form.cancel')}</Button>
            <Button onClick={submit} loading={fetching}>{t('case.moveConfirm')}</Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

/** A closed, refused or transferred case takes no more steps. */
const finished = (s: CaseStatus) => s === 'CLOSED' || s === 'REFUSED' || s === 'TRANSFERRED';
// What stays open on a finished case: filing its papers, correcting the
// report, and the family withdrawing its consent. Reopening is a
// transition, which asks the permission itself.
const afterFinish = new Set(['document:create', 'report:update', 'consent:update']);

const tabs = ['overview', 'timeline', 'safety', 'needs', 'decisions', 'placements', 'plan', 'referrals', 'services', 'documents'] as const;
type Tab = (typeof tabs)[number];

function CaseView({ c, reload }: { c: CaseData; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const params = useParams();
  const { community, communities, setCommunity } = useSession();
  const perms = usePermissionsIn(c.communityID);
  const may = (o: string, a: string) => !!perms?.has(`${o}:${a}`);
  const can = (o: string, a: string) => may(o, a) && (!finished(c.status) || a === 'read' || afterFinish.has(`${o}:${a}`));
  const location = useLocation();
  const tab = (tabs as readonly string[]).includes(params['*'] ?? '') ? (params['*'] as Tab) : 'overview';

  // A case of another of the viewer's communities: work in that community.
  useEffect(() => {
    if (community && community.id !== c.communityID && communities.some((x) => x.id === c.communityID)) setCommunity(c.communityID);
  }, [c.communityID, community, communities, setCommunity]);

  // A step's section named in the address (a rule's way out) is scrolled to once it is drawn.
  useEffect(() => {
    if (location.hash) document.getElementById(location.hash.slice(1))?.scrollIntoView({ block: 'start' });
  }, [location.hash, tab]);

  const props: TabProps = { c, can, reload };
  const title = caseTitle(t, c);
  const pendingApprovals = (c.approvals ?? []).filter((a) => a.status === 'PENDING').length;

  return (
    <Stack gap="md">
      <EmergencyBanner caseID={c.id} />
      <Paper withBorder p="md" className="case-header no-print">
        <Stack gap="xs">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">{title}</Title>
              <Text size="sm" c="dimmed">{t('case.number', { id: shortID(c.id) })} · {t('case.opened', { date: formatDate(i18n.language, c.openedAt) })}
                {c.closedAt && <> · {t('case.closed', { date: formatDate(i18n.language, c.closedAt) })}</>}</Text>
            </div>
            <Group gap="xs">
              <StatusBadge status={c.status} />
              {perms && <TransferToCommunity {...props} />}
              {perms && <TransferToOrganization {...props} />}
              <Button size="xs" variant="default" className="no-print" onClick={() => window.print()}>{t('case.print')}</Button>
            </Group>
          </Group>
          <Group gap="lg">
            <Text size="sm"><strong>{t('case.manager')}:</strong> {c.manager?.displayName ?? t('cases.unassigned')}</Text>
            <Text size="sm"><strong>{t('case.children')}:</strong> {c.children?.length ? c.children.map((p) => p.firstName).join(', ') : '—'}</Text>
            {pendingApprovals > 0 && <Text size="sm" c="grape">{t('case.pendingApprovals', { count: pendingApprovals })}</Text>}
          </Group>
          <Deadlines c={c} />
          {perms && <Transitions {...props} can={may} />}
        </Stack>
      </Paper>

      <Tabs value={tab} onChange={(v) => navigate(`/cases/${c.id}${v && v !== 'overview' ? '/' + v : ''}`, { replace: true })} keepMounted={false}>
        <Tabs.List className="no-print">
          {tabs.map((k) => <Tabs.Tab key={k} value={k}>{t(`caseTab.${k}`)}</Tabs.Tab>)}
        </Tabs.List>
        <PrintHeader c={c} />
        <Tabs.Panel value="overview" pt="md"><Overview {...props} /></Tabs.Panel>
        <Tabs.Panel value="timeline" pt="md"><Stack gap="lg"><Timeline {...props} /><HistoryPanel record={c.id} /></Stack></Tabs.Panel>
        <Tabs.Panel value="safety" pt="md"><SafetyTab {...props} /></Tabs.Panel>
        <Tabs.Panel value="needs" pt="md"><NeedsTab {...props} /></Tabs.Panel>
        <Tabs.Panel value="decisions" pt="md"><DecisionsTab {...props} /></Tabs.Panel>
        <Tabs.Panel value="placements" pt="md"><PlacementsTab {...props} /></Tabs.Panel>
        <Tabs.Panel value="plan" pt="md"><PlanTab {...props} /></Tabs.Panel>
        <Tabs.Panel value="referrals" pt="md"><ReferralsTab {...props} /></Tabs.Panel>
        <Tabs.Panel value="services" pt="md"><ServicesTab {...props} /></Tabs.Panel>
        <Tabs.Panel value="documents" pt="md"><DocumentsTab {...props} /></Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

export default function CasePage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, reexecute] = useQuery({ query: CaseQuery, variables: { id } });
  const c = asCase(data?.node);
  const reload = () => reexecute({ requestPolicy: 'network-only' });
  return (
    <Dates>
      <PageState fetching={fetching} error={error} found={!!c}>
        {() => <CaseView c={c!} reload={reload} />}
      </PageState>
    </Dates>
  );
}
