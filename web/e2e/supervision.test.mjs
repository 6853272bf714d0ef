// The supervision journal in the browser, against the real binary with its
// demo data: the centre's head reads Вінниця's journal (the demo's
// sessions), records a group session with an external expert, two
// supervisees and a follow-up item, and sees it at the top; the
// supervisee reads their sessions but has no form, and finds their
// follow-up items among their tasks; Полтава's head reads
// none of Вінниця's. The page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, base, gql, launch, shot, signIn } from './helpers.mjs';

let browser;
const users = {};

before(async () => {
  browser = await launch();
});

after(async () => {
  for (const u of Object.values(users)) await u.context.close();
  await browser?.close();
});

async function as(user) {
  users[user] ??= await signIn(browser, user);
  return users[user];
}

test('the head records a supervision session; the supervisee reads it; the neighbour reads nothing', async () => {
  const head = await as('provider');
  await head.page.goto(`${base}/supervision`);
  await head.page.getByRole('heading', { name: 'Журнал супервізій' }).waitFor();
  await head.page.getByTestId('supervision-session').first().waitFor();
  const before = await head.page.getByTestId('supervision-session').count();
  assert.deepEqual(await axe(head.page), []);
  await shot(head.page, 'supervision-journal');

  await head.page.getByRole('button', { name: 'Записати супервізію' }).click();
  await head.page.locator('label', { hasText: 'Групова' }).click();
  await head.page.getByRole('combobox', { name: 'Хто проводив' }).selectOption('EXTERNAL');
  await head.page.getByRole('textbox', { name: "Прізвище, ім'я та по батькові експерта" }).fill('Ольга Степанівна Мельник');
  await head.page.getByRole('textbox', { name: 'Організація чи проєкт експерта' }).fill('Обласний центр соціальних служб');
  const supervisees = head.page.getByRole('textbox', { name: 'Супервізовані' });
  await supervisees.click();
  const options = head.page.getByRole('listbox').getByRole('option');
  await options.first().click();
  await supervisees.click();
  await options.nth(1).click();
  await head.page.getByRole('textbox', { name: 'Тема' }).fill('Вигорання в роботі з сім\'ями у кризі');
  await head.page.getByRole('textbox', { name: 'Рекомендації' }).fill('Щотижневі командні обговорення.');
  await head.page.getByRole('button', { name: 'Додати дію' }).click();
  await head.page.getByRole('textbox', { name: 'Що зробити' }).fill('Скласти план самодопомоги');
  const due = new Date(Date.now() + 7 * 86400e3);
  const pad = (n) => String(n).padStart(2, '0');
  await head.page.getByRole('textbox', { name: 'Строк' }).fill(`${pad(due.getDate())}.${pad(due.getMonth() + 1)}.${due.getFullYear()}`);
  await head.page.getByRole('textbox', { name: 'Строк' }).press('Tab');
  await head.page.getByRole('button', { name: 'Зберегти' }).click();
  await head.page.getByText('Супервізію записано.').waitFor();
  await head.page.getByText('Ольга Степанівна Мельник').first().waitFor();
  assert.equal(await head.page.getByTestId('supervision-session').count(), before + 1);
  await shot(head.page, 'supervision-recorded');

  const specialist = await as('specialist');
  await specialist.page.goto(`${base}/supervision`);
  await specialist.page.getByTestId('supervision-session').first().waitFor();
  assert.equal(await specialist.page.getByRole('button', { name: 'Записати супервізію' }).count(), 0, 'the supervisee has the form');
  // The supervisee's follow-up items join «Мої завдання».
  await specialist.page.goto(`${base}/tasks`);
  await specialist.page.getByRole('heading', { name: 'Подальші дії за супервізіями' }).waitFor();
  await specialist.page.getByTestId('supervision-task').first().waitFor();
  await specialist.page.locator('.mantine-Loader-root').waitFor({ state: 'detached' });
  assert.deepEqual(await axe(specialist.page), []);

  const neighbour = await as('provider@poltava.demo.turbota.ua');
  const vinnytsia = await gql(head.context, `{ viewer { memberships { community { id } } } }`);
  const cm = vinnytsia.viewer.memberships.find((m) => m.community).community.id;
  const seen = await gql(neighbour.context, 'query($c: ID!) { supervisionSessions(communityID: $c) { id } }', { c: cm });
  assert.deepEqual(seen.supervisionSessions, [], 'Полтава reads Вінниця\'s journal');
});
