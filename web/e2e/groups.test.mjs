// Working groups in the browser against the real binary and its demo (seed
// 004): the group's secretary (a specialist of the centre of social
// services) opens the group from «Робочі групи», records a meeting with
// attendance, minutes, a decision and an action item, marks an item done
// and prints the meeting's minutes (nothing of the app's chrome in print);
// a member from the school reads the group, finds their overdue item among
// their own, and is offered no form to change the group; the regional
// supervisor sees the groups' activity as counts and no group.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, base, launch, shot, signIn } from './helpers.mjs';

const groupTitle = /мінімального пакету інтегрованих соціальних послуг/;

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the secretary records a meeting with its action item, marks an item done and prints the minutes', async () => {
  const { context, page } = await signIn(browser, 'specialist');
  await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Робочі групи' }).click();
  await page.getByRole('heading', { name: 'Робочі групи', level: 1 }).waitFor();
  await page.getByRole('link', { name: groupTitle }).click();
  await page.getByRole('heading', { name: groupTitle, level: 1 }).waitFor();
  await page.getByTestId('group-meeting').first().waitFor();
  assert.equal(await page.getByTestId('group-member').count(), 8, 'the demo group seats eight');
  assert.equal(await page.getByTestId('group-meeting').count(), 10, 'the demo group met ten times');
  await page.getByTestId('group-action').filter({ hasText: 'Прострочено' }).first().waitFor();

  const form = page.getByRole('region', { name: 'Зафіксувати засідання' });
  await form.getByLabel('Порядок денний').fill('Запуск послуги раннього втручання');
  await form.getByRole('checkbox', { name: /Вікторія Паламарчук/ }).check();
  await form.getByRole('checkbox', { name: /Людмила Савчук/ }).check();
  await form.getByLabel('Протокол (слухали, виступили)').fill('Слухали: про відкриття центру раннього втручання.');
  await form.getByLabel('Вирішили').fill('Підтримати відкриття центру раннього втручання');
  await form.getByRole('button', { name: 'Додати доручення' }).click();
  const row = form.getByTestId('action-row');
  await row.getByLabel('Що зробити').fill('Підготувати проєкт рішення про центр раннього втручання');
  await row.getByLabel('Відповідальний').selectOption({ label: 'Тетяна Гнатюк (Ліцей № 45 Вінницької міської ради)' });
  await row.getByLabel('Термін').fill('2099-12-31');
  await form.getByRole('button', { name: 'Зафіксувати засідання' }).click();
  await page.getByText('Засідання зафіксовано.').waitFor();
  await page.getByTestId('group-meeting').filter({ hasText: 'Засідання № 11' }).waitFor();
  await page.getByTestId('group-action').filter({ hasText: 'центр раннього втручання' }).waitFor();

  // The overdue item is done now.
  const overdue = page.getByTestId('group-action').filter({ hasText: 'Прострочено' }).first();
  await overdue.getByRole('button', { name: /^Виконано/ }).click();
  await page.getByText('Доручення позначено виконаним.').waitFor();
  assert.deepEqual(await axe(page), [], 'the group page passes axe');
  await shot(page, 'group');

  // The minutes of the new meeting, printed clean.
  await page.getByTestId('group-meeting').filter({ hasText: 'Засідання № 11' }).getByRole('link', { name: 'Друкувати протокол' }).click();
  await page.getByRole('heading', { name: 'Протокол засідання № 11', level: 1 }).waitFor();
  await page.getByText('Підтримати відкриття центру раннього втручання').waitFor();
  await page.getByText(/Підготувати проєкт рішення про центр раннього втручання — Тетяна Гнатюк/).waitFor();
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.getByRole('button', { name: 'Друкувати протокол' }).isVisible(), false, 'no print button on paper');
  assert.equal(await page.getByRole('navigation', { name: 'Розділи' }).isVisible(), false, 'no sections list on paper');
  assert.equal(await page.getByText('Голова робочої групи').isVisible(), true, 'a line for the chair to sign');
  await shot(page, 'group-minutes-print');
  await context.close();
});

test('a member reads the group and their own items, and keeps nothing of it', async () => {
  const { context, page } = await signIn(browser, 'school');
  await page.goto(base + '/groups');
  await page.getByRole('heading', { name: 'Робочі групи', level: 1 }).waitFor();
  await page.getByRole('region', { name: 'Мої доручення робочих груп' }).waitFor();
  await page.getByRole('link', { name: groupTitle }).first().click();
  await page.getByRole('heading', { name: groupTitle, level: 1 }).waitFor();
  await page.getByTestId('group-meeting').first().waitFor();
  assert.equal(await page.getByRole('region', { name: 'Зафіксувати засідання' }).count(), 0, 'a member records no meeting');
  assert.equal(await page.getByRole('button', { name: /^Виконано/ }).count(), 0, 'a member closes no item');
  await context.close();
});

test('the regional supervisor sees the groups’ activity as counts, and no group', async () => {
  const { context, page } = await signIn(browser, 'region@vinnytsia-oblast.demo.turbota.ua');
  await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Робочі групи' }).click();
  const activity = page.getByRole('region', { name: 'Діяльність робочих груп громад' });
  const row = activity.getByTestId('group-activity').filter({ hasText: 'Вінницька' });
  await row.waitFor();
  assert.match(await row.innerText(), /\b1\b[\s\S]*\b1[01]\b/, 'one group, ten or eleven meetings');
  assert.equal(await page.getByRole('link', { name: groupTitle }).count(), 0, 'no group to open');
  await context.close();
});
