// Assignment and tasks, in the browser against the real binary: the head of
// the children's service assigns a case to the provider's specialist on the
// case page, and the case's work shows on the specialist's «Мої завдання».
// The hand-over page and the case list's saved filters pass axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, domain, gql, launch, newContext, signIn, signInByAPI } from './helpers.mjs';

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
