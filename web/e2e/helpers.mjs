// Shared helpers of the browser tests: Debian's Chromium driven by
// playwright-core against the real binary, one browser context per user.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

export const base = process.env.TURBOTA_E2E_URL ?? 'http://127.0.0.1:8080';
export const password = process.env.TURBOTA_E2E_PASSWORD ?? 'turbota-demo-2026';
export const domain = process.env.TURBOTA_E2E_DOMAIN ?? 'vinnytsia.demo.turbota.ua';
export const artifacts = new URL('./artifacts/', import.meta.url).pathname;
mkdirSync(artifacts, { recursive: true });

// The time limits of the browser tests, set here and nowhere else. Every wait
// is on a condition (an element, a URL, a state of the page), never a pause,
// so a run never waits for a limit unless something is wrong; the limits are
// generous because the suite shares a 2-core machine with compilers and other
// suites, where a step that takes a second on an idle machine has taken more
// than 15. TURBOTA_E2E_SLOWDOWN multiplies them (e.g. 3 on a slower machine).
const slowdown = Math.max(1, Number(process.env.TURBOTA_E2E_SLOWDOWN) || 1);
export const limits = {
  /** One wait: an element, a navigation, a condition of the page, an API call. */
  step: 90_000 * slowdown,
  /** One test (node:test), however many steps it takes. */
  test: 20 * 60_000 * slowdown,
};

/** A browser context whose pages wait up to limits.step for anything. */
export async function newContext(browser, options = {}) {
  const context = await browser.newContext({ locale: 'uk-UA', timezoneId: 'Europe/Kyiv', ...options });
  withLimits(context);
  return context;
}

/** Applies limits.step to every page of an existing context. */
export function withLimits(context) {
  context.setDefaultTimeout(limits.step);
  context.setDefaultNavigationTimeout(limits.step);
  return context;
}

/** Resolves after the browser has rendered two more frames: layout and paint caught up. */
export async function nextFrames(page) {
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
}

// Injected through the DevTools protocol: the app's CSP (rightly) refuses inline scripts.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export async function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (own cookies and cache) signed in as a demo user (of the demo community, or a whole e-mail address). */
export async function signIn(browser, user, { viewport = { width: 1280, height: 800 } } = {}) {
  const context = await newContext(browser, { viewport });
  const page = await context.newPage();
  await page.goto(base + '/login');
  await page.getByLabel('Електронна пошта').fill(user.includes('@') ? user : `${user}@${domain}`);
  await page.getByLabel('Пароль').fill(password);
  await page.getByRole('button', { name: 'Увійти' }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
  await page.getByRole('navigation', { name: 'Розділи' }).waitFor();
  return { context, page };
}

export async function shot(page, name) {
  await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
}

/** Runs axe-core on the page; returns the serious and critical violations. */
export async function axe(page) {
  // A button in its loading state fades its label; judge the settled page.
  await page.waitForFunction(() => !document.querySelector('[data-loading]'));
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.html.slice(0, 160)}`) }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Chooses an option of a Mantine Select by its label. */
export async function choose(page, label, option, nth = 0) {
  await page.getByRole('textbox', { name: label, exact: true }).nth(nth).click();
  await page.getByRole('option', typeof option === 'string' ? { name: option, exact: true } : { name: option }).first().click();
}

/**
 * Chrome DevTools' throttling preset that was called "Fast 3G" until May 2024,
 * when it was renamed "Slow 4G" with the same figures (crbug.com/342406608).
 * From devtools-frontend, front_end/core/sdk/NetworkManager.ts, Slow4GConditions:
 * download 1.6 * 1000 * 1000 / 8 * .9 = 180,000 B/s (1.44 Mbit/s),
 * upload 750 * 1000 / 8 * .9 = 84,375 B/s, latency 150 * 3.75 = 562.5 ms.
 */
export const fast3g = { offline: false, latency: 562.5, downloadThroughput: 180_000, uploadThroughput: 84_375 };

/** Calls the API in a context's cookie jar (with the CSRF header the server wants of a browser session). */
export async function gql(context, query, variables = {}) {
  const csrf = (await context.cookies(base)).find((c) => c.name === 'turbota_csrf')?.value;
  const res = await context.request.post(base + '/graphql', {
    data: { query, variables },
    headers: csrf ? { 'X-CSRF-Token': csrf } : {},
    timeout: limits.step,
  });
  const body = await res.json();
  if (body.errors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** Signs a demo user in over the API: the context gets the session cookies, no page is loaded. */
export async function signInByAPI(context, email) {
  const data = await gql(context, 'mutation($input: LoginInput!) { login(input: $input) { viewer { user { id } } } }', { input: { email, password } });
  return data.login;
}

/**
 * One user's signed-in page for a whole test file: the browser starts and
 * signs in before the file's tests, and closes after them. The returned
 * object holds { context, page } once the tests run.
 */
export function fileSession(hooks, user) {
  const s = {};
  let browser;
  hooks.before(async () => {
    browser = await launch();
    Object.assign(s, await signIn(browser, user));
  });
  hooks.after(async () => {
    await s.context?.close();
    await browser?.close();
  });
  return s;
}
