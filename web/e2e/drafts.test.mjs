// Field work without a connection, in the browser against the real binary:
// the provider's specialist of Полтава (an account no other browser test
// changes) writes a visit note with the connection cut, reloads the page
// offline (the service worker serves the app shell), goes online and sees
// the note sent («Надіслано») and recorded exactly once. A plan drafted
// while someone else saves a version is a conflict shown side by side,
// settled by keeping the draft.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, fileSession, gql, shot } from './helpers.mjs';

const user = 'specialist@poltava.demo.turbota.ua';
const session = fileSession({ before, after }, user);

const running = ['OPEN', 'UNDER_REVIEW', 'AWAITING_DECISION', 'ASSESSING_NEEDS'];

/** Cases the specialist works on (where visit notes are written), newest first. */
async function runningCases() {
  const { cases } = await gql(session.context, '{ cases(first: 100) { edges { node { id status } } } }');
  const list = cases.edges.map((e) => e.node).filter((c) => running.includes(c.status));
  assert.ok(list.length >= 2, `the specialist has too few running cases: ${JSON.stringify(cases.edges)}`);
  return list;
}

/** The activities of a case whose notes are `notes`. */
async function activitiesWith(caseID, notes) {
  const { node } = await gql(session.context, 'query($id: ID!) { node(id: $id) { ... on Case { activities(first: 200) { edges { node { id notes } } } } } }', { id: caseID });
  return node.activities.edges.filter((e) => e.node.notes === notes);
}

const draftState = (page) => page.locator('[data-draft-state]');

test('a visit note written offline survives a reload and is sent once when the connection returns', async () => {
  const { page, context } = session;
  const [c] = await runningCases();
  await page.goto(`${base}/cases/${c.id}/services`);
  const form = page.locator('form[aria-labelledby="activity-form-h"]');
  await form.waitFor();
  // The service worker has kept the app shell once it is active.
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);

  const notes = `Візит без зв'язку ${Date.now()}`;
  await context.setOffline(true);
  await form.getByLabel('Що зроблено, домовленості').fill(notes);
  await form.getByRole('button', { name: 'Зберегти запис' }).click();
  await draftState(page).filter({ hasText: 'Збережено на пристрої' }).waitFor();

  // Offline, the page reloads from the service worker; it says the work waits on the device.
  await page.reload();
  await page.getByText('Немає з’єднання.').first().waitFor();
  await shot(page, 'drafts-offline');

  await context.setOffline(false);
  await draftState(page).filter({ hasText: 'Надіслано' }).waitFor();
  await page.getByText(notes).first().waitFor();
  assert.equal(await form.getByLabel('Що зроблено, домовленості').inputValue(), '', 'the form is reset once sent');
  assert.equal((await activitiesWith(c.id, notes)).length, 1, 'the note is recorded exactly once');
  assert.equal(await page.getByText(notes, { exact: true }).count(), 1, 'the note shows once');
});

test('a plan draft over a version saved meanwhile is a conflict, shown side by side', async () => {
  const { page, context } = session;
  const c = (await runningCases())[1];
  const plans = async () => (await gql(context, 'query($id: ID!) { node(id: $id) { ... on Case { plans { version goals { text actions { responsibleOrganizationID } } } } } }', { id: c.id })).node.plans;
  const { viewer } = await gql(context, '{ viewer { memberships { organization { id } } } }');
  const org = viewer.memberships.find((m) => m.organization).organization.id;
  const day = (n) => new Date(Date.now() + n * 86_400_000).toISOString();
  const save = (goal, basedOnVersion) => gql(context, 'mutation($input: SavePlanInput!) { savePlan(input: $input) { version } }', {
    input: { caseID: c.id, nextReviewAt: day(60), basedOnVersion, goals: [{ text: goal, actions: [{ text: 'Дія', responsibleOrganizationID: org, due: day(30).slice(0, 10) }] }] },
  });
  // A plan to start from, so the editor opens on a complete version.
  await save(`Ціль ${Date.now()}`, undefined);

  await page.goto(`${base}/cases/${c.id}/plan`);
  await page.getByRole('button', { name: 'Нова версія плану' }).click();
  const form = page.locator('form[aria-labelledby="plan-form-h"]');
  await form.waitFor();
  const mine = `Моя ціль ${Date.now()}`;
  await form.getByLabel(/^Мета 1/).fill(mine);
  await draftState(page).filter({ hasText: 'Збережено на пристрої' }).waitFor();

  // Someone else saves a version meanwhile (over the API, as another tab would).
  const before = await plans();
  const newest = before.reduce((m, p) => Math.max(m, p.version), 0);
  const theirs = `Їхня ціль ${Date.now()}`;
  await save(theirs, newest);

  await form.getByRole('button', { name: 'Зберегти версію плану' }).click();
  await draftState(page).filter({ hasText: 'Конфлікт' }).waitFor();
  const conflict = page.getByRole('region', { name: 'Конфлікт' });
  await conflict.locator('[data-conflict="mine"]').getByText(mine).waitFor();
  await conflict.locator('[data-conflict="theirs"]').getByText(theirs).waitFor();
  await shot(page, 'drafts-conflict');
  assert.equal((await plans()).length, before.length + 1, 'the draft overwrote nothing, nor was saved over theirs');

  await conflict.getByRole('button', { name: 'Залишити мою й зберегти як нову версію' }).click();
  await form.getByRole('button', { name: 'Зберегти версію плану' }).click();
  // Sent: the editor closes on the plan, now the draft's version.
  await form.waitFor({ state: 'detached' });
  await page.getByText(mine).first().waitFor();
  const after = await plans();
  assert.equal(after.length, before.length + 2);
  assert.ok(after.some((p) => p.goals.some((g) => g.text === mine)) && after.some((p) => p.goals.some((g) => g.text === theirs)));
});
