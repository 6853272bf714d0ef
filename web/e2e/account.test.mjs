// Browser test against the real turbota binary (started by scripts/e2e.sh):
// a person's own password and sessions.
import { test, before, after } from 'node:test';
import { launch, signIn, password } from './helpers.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('my password and sessions: this session is listed, a wrong current password and a guessable new one are explained', async () => {
  const { context, page } = await signIn(browser, 'ssd');
  await page.getByRole('button', { name: /Меню користувача/ }).click();
  await page.getByRole('menuitem', { name: 'Пароль і сеанси' }).click();
  await page.getByRole('heading', { name: 'Пароль і сеанси', level: 1 }).waitFor();
  await page.getByText('Цей сеанс').waitFor();
  const form = async (current, next) => {
    await page.getByLabel('Поточний пароль').fill(current);
    await page.getByLabel(/^Новий пароль( \*)?$/).fill(next);
    await page.getByLabel('Новий пароль ще раз').fill(next);
    await page.getByRole('button', { name: 'Змінити пароль' }).click();
  };
  await form('definitely not it', 'жовтий тигр біжить полем');
  await page.getByText('Поточний пароль неправильний.').waitFor();
  await form(password, 'qwertyuiopas');
  await page.getByText(/Цей пароль легко вгадати/).waitFor();
  await context.close();
});
