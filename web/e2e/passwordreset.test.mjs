// Browser test against the real turbota binary (started by scripts/e2e.sh,
// with Mailpit as its mail server): a worker who forgot her password asks
// for a link on the sign-in page, opens it from her mail and sets a new one.
import { test, before, after } from 'node:test';
import { launch, newContext, base, domain, limits } from './helpers.mjs';

const mailpit = process.env.TURBOTA_E2E_MAILPIT;
// An account no other browser test signs in with: its password changes.
const email = `guardianship@${domain}`;
const fresh = 'синій журавель летить на південь';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

/** The reset link in the newest mail to the address, once one arrived. */
async function resetLink() {
  const deadline = Date.now() + limits.step;
  while (Date.now() < deadline) {
    const list = await (await fetch(`${mailpit}/api/v1/search?query=${encodeURIComponent(`to:"${email}"`)}`)).json();
    for (const m of list.messages ?? []) {
      const full = await (await fetch(`${mailpit}/api/v1/message/${m.ID}`)).json();
      const link = full.Text?.match(/https?:\/\/\S+\/reset-password#token=tbr_[A-Za-z0-9_-]+/);
      if (link) return link[0];
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('no reset link arrived');
}

test('a forgotten password: a link by e-mail from the sign-in page, a new password, and in', { skip: !mailpit && 'no mail server (TURBOTA_E2E_MAILPIT)', timeout: limits.test }, async () => {
  const context = await newContext(browser, { viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.getByRole('link', { name: 'Забули пароль?' }).click();
  await page.getByRole('heading', { name: 'Відновлення пароля' }).waitFor();
  await page.getByLabel('Електронна пошта').fill(email);
  await page.getByRole('button', { name: 'Надіслати посилання' }).click();
  await page.getByText(/Якщо обліковий запис із цією адресою існує/).waitFor();

  const link = await resetLink();
  await page.goto(link);
  await page.getByRole('heading', { name: 'Новий пароль' }).waitFor();
  await page.getByLabel(/^Новий пароль( \*)?$/).fill('qwertyuiopas');
  await page.getByLabel('Новий пароль ще раз').fill('qwertyuiopas');
  await page.getByRole('button', { name: 'Задати пароль' }).click();
  await page.getByText(/Цей пароль легко вгадати/).waitFor();
  await page.getByLabel(/^Новий пароль( \*)?$/).fill(fresh);
  await page.getByLabel('Новий пароль ще раз').fill(fresh);
  await page.getByRole('button', { name: 'Задати пароль' }).click();
  await page.getByText('Пароль змінено. Тепер увійдіть із новим паролем.').waitFor();

  // The link works once (opened afresh, not as a jump within the page).
  await page.goto(base + '/login');
  await page.goto(link);
  await page.getByLabel(/^Новий пароль( \*)?$/).fill('ще одна фраза з кількох слів');
  await page.getByLabel('Новий пароль ще раз').fill('ще одна фраза з кількох слів');
  await page.getByRole('button', { name: 'Задати пароль' }).click();
  await page.getByText(/Посилання для зміни пароля вже недійсне/).waitFor();

  await page.getByRole('link', { name: 'Повернутися до входу' }).click();
  await page.getByLabel('Електронна пошта').fill(email);
  await page.getByLabel('Пароль').fill(fresh);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('navigation', { name: 'Розділи' }).waitFor();
  await context.close();
});
