// Browser test against the real turbota binary (started by scripts/e2e.sh):
// Debian's Chromium driven by playwright-core, never a downloaded browser.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { withLimits } from './helpers.mjs';

const base = process.env.TURBOTA_E2E_URL ?? 'http://127.0.0.1:8080';
const email = process.env.TURBOTA_E2E_EMAIL ?? 'ssd@vinnytsia.demo.turbota.ua';
const password = process.env.TURBOTA_E2E_PASSWORD ?? 'turbota-demo-2026';
const community = process.env.TURBOTA_E2E_COMMUNITY ?? 'Вінницька';
const artifacts = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

let context;
let profile;

before(async () => {
  profile = mkdtempSync(join(tmpdir(), 'turbota-chromium-'));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  withLimits(context);
});

after(async () => {
  await context?.close();
  rmSync(profile, { recursive: true, force: true });
});

async function signIn(page, pw = password) {
  await page.goto(base + '/');
  await page.waitForURL('**/login');
  await page.getByLabel('Електронна пошта').fill(email);
  await page.getByLabel('Пароль').fill(pw);
  await page.getByRole('button', { name: 'Увійти' }).click();
}

test('a wrong password shows a clear error', async () => {
  const page = await context.newPage();
  await signIn(page, 'definitely not it');
  await page.getByRole('alert').waitFor();
  assert.equal((await page.getByRole('alert').textContent()).trim(), 'Неправильна електронна пошта або пароль.');
  await page.screenshot({ path: join(artifacts, 'login-error.png') });
  await page.close();
});

test('sign in, see my community and role in both languages, sign out', async () => {
  const page = await context.newPage();
  await signIn(page);
  await page.getByRole('heading', { name: 'Мої громади та ролі' }).waitFor();
  await page.getByText(`${community} міська громада`).first().waitFor();
  await page.getByRole('cell', { name: 'Служба у справах дітей', exact: true }).last().waitFor();
  await page.screenshot({ path: join(artifacts, 'home-uk.png'), fullPage: true });

  await page.getByText('English').click();
  await page.getByRole('heading', { name: 'My communities and roles' }).waitFor();
  await page.getByRole('cell', { name: "Children's service", exact: true }).waitFor();
  await page.screenshot({ path: join(artifacts, 'home-en.png'), fullPage: true });

  await page.setViewportSize({ width: 768, height: 1024 });
  await page.screenshot({ path: join(artifacts, 'home-tablet.png'), fullPage: true });

  await page.getByRole('button', { name: 'User menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL('**/login');
  await page.goto(base + '/');
  await page.waitForURL('**/login');
  await page.getByText('English').click(); // leave the shared profile in Ukrainian
  await page.getByText('Українська').click();
  await page.close();
});
