// Assignment and tasks, in the browser against the real binary: the head of
// the children's service assigns a case to the provider's specialist on the
// case page, and the case's work shows on the specialist's «Мої завдання».
// The hand-over page and the case list's saved filters pass axe. The head
// sees the team on one page — each worker's open cases, overdue work and
// pending approvals, linked to the filtered lists — and an approval card
// says what is approved.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, domain, gql, launch, newContext, shot, signIn, signInByAPI } from './helpers.mjs';

let browser;
const contexts = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

/** A running case of the demo community with open work, not the specialist's, and the specialist's ID. */
async function pickCase() {
  const context = await newContext(browser);
  contexts.push(context);
  const specialist = (await signInByAPI(context, `specialist@${domain}`)).viewer.user.id;
  await signInByAPI(context, `ssd@${domain}`);
  const viewer = await gql(context, '{ viewer { memberships { community { id } } } }');
  const community = viewer.viewer.memberships.find((m) => m.community).community.id;
  const { deadlines } = await gql(context, 'query($c: ID!) { deadlines(communityID: $c) { case { id manager { id } } } }', { c: community });
  const found = deadlines.find((d) => d.case.manager?.id !== specialist);
  assert.ok(found, 'no running case with open deadlines in the demo community');
  return { caseID: found.case.id, specialist };
}

test('the children’s service head assigns a case to the specialist, who sees it in their tasks', async () => {
  const { caseID, specialist } = await pickCase();
  const head = await signIn(browser, 'ssd');
  contexts.push(head.context);
  await head.page.goto(new URL(`/cases/${caseID}`, head.page.url()).href);
  const select = head.page.getByRole('combobox', { name: 'Призначити фахівцеві' });
  await select.locator(`option[value="${specialist}"]`).waitFor({ state: 'attached' });
  const name = (await select.locator(`option[value="${specialist}"]`).textContent()).trim();
  await select.selectOption(specialist);
  await head.page.getByLabel('Примітка до призначення').fill('розподіл справ');
  await head.page.getByRole('button', { name: 'Призначити', exact: true }).click();
  await head.page.getByText(`Випадок призначено: ${name}`).waitFor();

  const worker = await signIn(browser, 'specialist');
  contexts.push(worker.context);
  await worker.page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Мої завдання' }).click();
  await worker.page.getByRole('heading', { name: 'Мої завдання' }).waitFor();
  await worker.page.getByText('Усі відкриті').click();
  await worker.page.locator(`[data-testid="work-item"] a[href="/cases/${caseID}"]`).first().waitFor();
  assert.deepEqual(await axe(worker.page), []);
});

/** The demo specialist's user ID. */
async function signInSpecialistID() {
  const context = await newContext(browser);
  contexts.push(context);
  return (await signInByAPI(context, `specialist@${domain}`)).viewer.user.id;
}

test('the caseload hand-over says how many cases move; a case list filter is saved, applied and deleted', async () => {
  const { context, page } = await signIn(browser, 'ssd');
  contexts.push(context);
  await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Передача справ' }).click();
  const from = page.getByRole('combobox', { name: 'Від фахівця' });
  await from.waitFor();
  const me = (await gql(context, '{ viewer { user { id } } }')).viewer.user.id;
  const specialist = await signInSpecialistID();
  await from.selectOption(specialist);
  await page.getByText(/Відкритих випадків: \d+/).waitFor();
  await page.getByRole('combobox', { name: 'Іншому фахівцеві' }).selectOption(me);
  await page.getByRole('button', { name: 'Передати справи' }).click();
  await page.getByRole('dialog').getByText(/Буде передано випадків: \d+/).waitFor();
  assert.deepEqual(await axe(page), []);
  await page.getByRole('dialog').getByRole('button', { name: 'Скасувати' }).click();

  await page.goto(new URL('/cases?manager=none', page.url()).href);
  await page.getByRole('button', { name: 'Зберегти поточний фільтр' }).click();
  await page.getByLabel('Назва фільтра').fill('Нічиї випадки e2e');
  await page.getByRole('button', { name: 'Зберегти', exact: true }).click();
  await page.getByText('Фільтр збережено').waitFor();
  await page.waitForURL((u) => u.searchParams.has('saved'));
  await page.getByRole('button', { name: 'Перейменувати' }).click();
  await page.getByLabel('Назва фільтра').fill('Нічиї (e2e)');
  await page.getByRole('button', { name: 'Зберегти', exact: true }).click();
  await page.getByText('Фільтр перейменовано').waitFor();
  await page.getByRole('combobox', { name: 'Збережені фільтри' }).locator('option', { hasText: 'Нічиї (e2e)' }).waitFor({ state: 'attached' });
  page.once('dialog', (d) => d.accept());
  await page.getByRole('button', { name: 'Видалити' }).click();
  await page.getByText('Фільтр видалено').waitFor();
  const left = await gql(context, '{ savedFilters { name } }');
  assert.equal(left.savedFilters.length, 0);
});

/** The demo community's ID and the team's figures as the API gives them to a context's user. */
async function teamOf(context) {
  const viewer = await gql(context, '{ viewer { memberships { community { id } } } }');
  const community = viewer.viewer.memberships.find((m) => m.community).community.id;
  const { teamWorkload } = await gql(context, `query($c: ID!) { teamWorkload(communityID: $c) {
    worker { id displayName } openCases overdueDeadlines overdueTasks pendingApprovals } }`, { c: community });
  return { community, team: teamWorkload };
}

test('the head sees the team: caseloads, overdue work and pending approvals, each leading to its list', async () => {
  // The specialist drafts a new version of the plan of a case they manage:
  // a specialist does not sign off their own plan, so it awaits approval.
  const worker = await newContext(browser);
  contexts.push(worker);
  const specialist = (await signInByAPI(worker, `specialist@${domain}`)).viewer.user.id;
  const org = (await gql(worker, '{ viewer { memberships { organization { id } } } }')).viewer.memberships.find((m) => m.organization).organization.id;
  const { cases } = await gql(worker, 'query($m: ID!) { cases(first: 20, where: { managerID: $m, status: OPEN, hasPlans: true }) { edges { node { id } } } }', { m: specialist });
  assert.ok(cases.edges.length > 0, 'the demo specialist manages no open case with a plan');
  const caseID = cases.edges[0].node.id;
  const goal = 'Дитина щодня відвідує школу (e2e)';
  const saved = await gql(worker, 'mutation($i: SavePlanInput!) { savePlan(input: $i) { version } }', { i: { caseID,
    nextReviewAt: new Date(Date.now() + 60 * 86400_000).toISOString().replace(/\.\d+Z$/, 'Z'),
    goals: [{ text: goal, actions: [{ text: 'Щотижневі консультації матері', responsibleOrganizationID: org, due: new Date(Date.now() + 30 * 86400_000).toISOString().slice(0, 10) }] }] } });

  const { context, page } = await signIn(browser, 'ssd');
  contexts.push(context);
  const { team } = await teamOf(context);
  const mine = team.find((w) => w.worker.id === specialist);
  assert.ok(mine && mine.openCases > 0 && mine.pendingApprovals > 0, `the specialist's figures: ${JSON.stringify(mine)}`);

  await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Команда', exact: true }).click();
  await page.getByRole('heading', { name: 'Команда', level: 1 }).waitFor();
  const rows = page.getByTestId('team-row');
  await rows.first().waitFor();
  assert.equal(await rows.count(), team.length);
  const row = rows.filter({ hasText: mine.worker.displayName });
  const name = mine.worker.displayName;
  await row.getByRole('link', { name: new RegExp(`^${name}: ${mine.openCases} відкрит`) }).waitFor();
  await row.getByRole('link', { name: 'Передати справи фахівця ' + name }).waitFor();
  assert.deepEqual(await axe(page), []);
  await shot(page, 'team');

  // Pending approvals lead to the approvals of the worker's cases, each card saying what is approved.
  await row.getByRole('link', { name: new RegExp(`^${name}: ${mine.pendingApprovals} акт`) }).click();
  await page.waitForURL((u) => u.pathname === '/approvals' && u.searchParams.get('manager') === specialist);
  const card = page.getByTestId('approval-card').filter({ hasText: goal });
  await card.getByRole('heading', { name: 'Версія індивідуального плану' }).waitFor();
  await card.getByText(String(saved.savePlan.version), { exact: true }).waitFor();
  await card.getByText('цілей: 1, заходів: 1').waitFor();
  await card.getByText(new RegExp(`^Подав\\(ла\\) ${name}, `)).waitFor();
  assert.deepEqual(await axe(page), []);
  await shot(page, 'approvals');

  // Open cases lead to the case list of the worker; the hand-over starts from the worker.
  await page.goBack();
  await row.getByRole('link', { name: new RegExp(`^${name}: ${mine.openCases} відкрит`) }).click();
  await page.waitForURL((u) => u.pathname === '/cases' && u.searchParams.get('manager') === specialist);
  await page.locator(`main a[href="/cases/${caseID}"]`).first().waitFor();
  await page.goBack();
  await row.getByRole('link', { name: 'Передати справи фахівця ' + name }).click();
  await page.waitForURL((u) => u.pathname === '/caseload');
  assert.equal(await page.getByRole('combobox', { name: 'Від фахівця' }).inputValue(), specialist);
  await page.getByText(/Відкритих випадків: \d+/).waitFor();
});
