// Browser tests against the real turbota binary (started by scripts/e2e.sh,
// with Mailpit as its mail server): a worker who forgot her password asks
// for a link on the sign-in page, opens it from her mail and sets a new one;
// an administrator disables a dismissed worker's account and enables it.
import { test, before, after } from 'node:test';
import { launch, newContext, base, domain, limits, signIn, password, axe, shot } from './helpers.mjs';

const mailpit = process.env.TURBOTA_E2E_MAILPIT;
// An account no other browser test signs in with (they run side by side on
// one server): its password changes.
const email = 'guardianship@poltava.demo.turbota.ua';
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

test('the administrator disables an account with a reason, the worker cannot sign in, and enables it again', { timeout: limits.test }, async () => {
  // Likewise an account no other browser test signs in with: it is
  // disabled for a while.
  const worker = `auditor@${domain}`;
  const { context, page } = await signIn(browser, 'admin');
  await page.goto(base + '/admin/users');
  await page.getByRole('heading', { name: 'Облікові записи працівників' }).waitFor();
  const row = page.getByRole('row').filter({ hasText: worker });
  await row.getByText('Активний').waitFor();
  await row.getByRole('button', { name: 'Вимкнути' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText(/усі його сеанси та створені ним API-токени/).waitFor();
  await dialog.getByRole('button', { name: 'Вимкнути' }).click();
  await dialog.getByText('Вкажіть причину.').waitFor();
  await shot(page, 'admin-accounts-disable');
  const violations = await axe(page);
  if (violations.length) throw new Error(`accessibility of the dialog: ${JSON.stringify(violations)}`);
  await dialog.getByLabel(/^Причина/).fill('Звільнено наказом № 7 від 07.12.2026');
  await dialog.getByRole('button', { name: 'Вимкнути' }).click();
  await row.getByText('Вимкнений').waitFor();
  await shot(page, 'admin-accounts-disabled');

  const stranger = await newContext(browser);
  const res = await stranger.request.post(base + '/graphql', {
    data: { query: 'mutation($e: String!, $p: String!) { login(input: {email: $e, password: $p}) { token } }', variables: { e: worker, p: password } },
  });
  const body = await res.json();
  if (body.errors?.[0]?.extensions?.code !== 'UNAUTHENTICATED') throw new Error(`a disabled account signs in: ${JSON.stringify(body)}`);
  await stranger.close();

  await row.getByRole('button', { name: 'Увімкнути' }).click();
  await dialog.getByLabel(/^Причина/).fill('Поновлено на посаді');
  await dialog.getByRole('button', { name: 'Увімкнути' }).click();
  await row.getByText('Активний').waitFor();
  await context.close();
});
