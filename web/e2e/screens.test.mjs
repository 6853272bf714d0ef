// Each main page (the sections in the navigation) of each demo role, in
// Ukrainian and English, loads and does not scroll sideways at 768 px
// (content wider than a tablet's screen). With TURBOTA_E2E_SCREENSHOTS=1
// (make screens) it also shoots each at 1280×800 and 768×1024, under
// artifacts/screens/<role>/<lang>-<width>-<page>.png, for people to look
// at: some 280 full-page PNGs, most of this file's time, which the suite
// (make test) does not spend.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, base, domain, gql, launch, limits, newContext, nextFrames, signInByAPI } from './helpers.mjs';

const dir = join(artifacts, 'screens');
const roles = {
  'childrens-service': `ssd@${domain}`,
  'social-protection': `uszn@${domain}`,
  provider: `provider@${domain}`,
  guardianship: `guardianship@${domain}`,
  'partner-reporter': `school@${domain}`,
  'community-admin': `admin@${domain}`,
  'regional-supervisor': process.env.TURBOTA_E2E_REGION_EMAIL ?? 'region@vinnytsia-oblast.demo.turbota.ua',
};
const shots = process.env.TURBOTA_E2E_SCREENSHOTS === '1';
const tablet = { width: 768, height: 1024 };
const sizes = shots ? [{ width: 1280, height: 800 }, tablet] : [tablet];
const maxPages = 14;
let browser;
const overflow = [];

before(async () => {
  browser = await launch();
  if (shots) mkdirSync(dir, { recursive: true });
});

after(async () => {
  await browser?.close();
});

/** The page has drawn its content: a heading, no spinner, no button waiting. */
async function settled(page) {
  await page.waitForFunction(() => {
    const main = document.querySelector('main') ?? document.body;
    return main.querySelector('h1') && !document.querySelector('.mantine-Loader-root, [data-loading]');
  });
  // Fonts and the last layout pass.
  await page.evaluate(() => document.fonts.ready);
}

const slug = (path) => (path === '/' ? 'home' : path.startsWith('/cases/') ? 'case' : path.replace(/^\//, '').replace(/[^a-z0-9]+/gi, '-'));

async function shootRole(role, email) {
  const context = await newContext(browser, { viewport: sizes[0] });
  await signInByAPI(context, email);
  const page = await context.newPage();
  await page.goto(base + '/');
  await settled(page);
  // The sections depend on the permissions, which come after the viewer.
  await page.waitForFunction(() => document.querySelectorAll('nav a[href^="/"]').length > 1);
  const paths = await page.$$eval('nav a[href^="/"]', (as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
  const pages = paths.slice(0, maxPages);
  // And a case, the page most work happens on, where the role sees cases.
  if (pages.includes('/cases')) {
    const data = await gql(context, '{ cases(first: 20, orderBy: { field: OPENED_AT, direction: ASC }) { edges { node { id status family { name } } } } }');
    const c = data.cases.edges.map((e) => e.node).find((n) => n.family && n.status !== 'CLOSED') ?? data.cases.edges[0]?.node;
    if (c) pages.push(`/cases/${c.id}`);
  }
  assert.ok(pages.length > 0, `${role}: no sections in the navigation`);
  if (shots) mkdirSync(join(dir, role), { recursive: true });
  for (const lang of ['uk', 'en']) {
    await page.evaluate((l) => localStorage.setItem('turbota.lang', l), lang);
    for (const path of pages) {
      await page.setViewportSize(sizes[0]);
      await page.goto(base + path);
      await settled(page);
      for (const size of sizes) {
        await page.setViewportSize(size);
        // The new width has reached the page and it has laid itself out again.
        await page.waitForFunction((w) => window.innerWidth === w, size.width);
        await nextFrames(page);
        if (size.width === 768) {
          const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          if (wide > 1) overflow.push(`${role} ${lang} ${path}: ${wide}px wider than the screen`);
        }
        if (shots) await page.screenshot({ path: join(dir, role, `${lang}-${size.width}-${slug(path)}.png`), fullPage: true, animations: 'disabled' });
      }
    }
  }
  await context.close();
  return pages.length;
}

test(shots ? 'screenshots of the main pages per role, language and size' : 'the main pages of every role fit a 768 px screen in both languages', { timeout: limits.test }, async () => {
  const started = Date.now();
  const entries = Object.entries(roles);
  const counts = {};
  // Two at a time: the machine is shared.
  for (let i = 0; i < entries.length; i += 2) {
    await Promise.all(entries.slice(i, i + 2).map(async ([role, email]) => { counts[role] = await shootRole(role, email); }));
  }
  console.log(`screens: ${JSON.stringify(counts)} pages per role, ×2 languages ×${sizes.length} sizes, in ${Math.round((Date.now() - started) / 1000)} s`);
  assert.deepEqual(overflow, [], 'pages scroll sideways at 768 px');
});
