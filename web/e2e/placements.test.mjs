// Alternative care in the browser, as the children's service works it: a
// child of a new case is placed with relatives (family-based: recorded at
// once); an institution without the comprehensive assessment and the
// commission's decision is refused with the gatekeeping rule; the
// register of children without parental care opens.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, choose, launch, signIn } from './helpers.mjs';

let browser;
let ssd;
const letters = 'абвгдежзиклмнопрстуфхцчшя';
const tag = Array.from({ length: 5 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
const surname = `Влаштув${tag}`;

before(async () => {
  browser = await launch();
  ssd = await signIn(browser, 'ssd');
});

after(async () => {
  await ssd?.context.close();
  await browser?.close();
});

test('a child is placed in kin care; an institution is gatekept; the history and the register show', async () => {
  const page = ssd.page;
  await page.getByRole('link', { name: 'Нове повідомлення' }).first().click();
  await page.getByRole('textbox', { name: 'Що сталося' }).fill('Батьки затримані, дитина вдома сама.');
  await page.getByRole('checkbox', { name: 'Занедбаність' }).check();
  await page.getByRole('textbox', { name: 'Прізвище', exact: true }).fill(surname);
  await page.getByRole('textbox', { name: "Ім'я", exact: true }).fill('Олена');
  await page.getByRole('textbox', { name: 'Дата народження' }).fill('02.05.2019');
  await page.getByRole('textbox', { name: 'Назва (прізвище)' }).fill(surname);
  await page.getByRole('textbox', { name: 'Адреса' }).fill('вул. Тестова, 2, м. Вінниця');
  await choose(page, 'Джерело', 'Поліція');
  await page.getByRole('button', { name: 'Зареєструвати повідомлення' }).click();
  await page.waitForURL('**/cases/*');

  await page.getByRole('tab', { name: 'Влаштування' }).click();
  await page.getByText('Жодну дитину цього випадку не влаштовано поза сім\'єю.').waitFor();
  await choose(page, 'Форма догляду', 'Притулок, центр соціально-психологічної реабілітації дітей');
  await page.getByRole('textbox', { name: 'Адреса або сім\'я' }).fill('притулок');
  await page.getByRole('button', { name: 'Зареєструвати влаштування' }).click();
  await page.getByText(/лише після затвердженого комплексного оцінювання потреб/).first().waitFor();

  await choose(page, 'Форма догляду', 'У родичів (родинний догляд)');
  await page.getByRole('textbox', { name: 'Адреса або сім\'я' }).fill('бабуся, вул. Соборна, 5');
  await page.getByRole('button', { name: 'Зареєструвати влаштування' }).click();
  await page.getByText('Влаштування зареєстровано').first().waitFor();
  await page.getByRole('cell', { name: /У родичів/ }).waitFor();
  assert.deepEqual(await axe(page), [], 'placements tab');

  await page.goto(new URL('/children-without-parental-care', page.url()).toString());
  await page.getByRole('heading', { name: 'Діти-сироти та діти, позбавлені батьківського піклування' }).waitFor();
  assert.deepEqual(await axe(page), [], 'register of children without parental care');
});
