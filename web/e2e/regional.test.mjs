// Regional oversight in the browser, against the real binary and its demo
// region: the regional supervisor of Вінницька область compares the
// region's communities on the dashboard, downloads the XLSX export and finds
// in it the figures the screen shows (small counts suppressed in both),
// reads the service map, and breaks the glass on one case of a community's
// de-identified list, which their home page then opens on beside the
// communities with late assessments. The community then sees that access; the social
// protection department runs a voucher programme. Every new page passes axe
// and is saved in Ukrainian and English at 1280 and 768 wide.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { artifacts, axe, launch, signIn } from './helpers.mjs';

const regionUser = 'region@vinnytsia-oblast.demo.turbota.ua';
const reason = 'Поліція повідомила про загрозу життю дитини; потрібні дані випадку негайно';
let browser;
const contexts = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

async function as(user) {
  const { context, page } = await signIn(browser, user);
  contexts.push(context);
  return page;
}

/** A dialog has finished its opening transition (axe judges colours as they end up). */
async function dialogSettled(page) {
  await page.waitForFunction(() => {
    const content = document.querySelector('.mantine-Modal-content');
    const overlay = document.querySelector('.mantine-Modal-overlay');
    return content && getComputedStyle(content).opacity === '1' && (!overlay || getComputedStyle(overlay).opacity === '1');
  });
}

async function expectA11y(page, name) {
  const violations = await axe(page);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
}

/** Saves the page in both languages and both widths, and checks each with axe. */
async function shots(page, name, ready) {
  for (const lang of ['uk', 'en']) {
    if (lang === 'en') await page.getByText('English', { exact: true }).click();
    for (const width of [1280, 768]) {
      await page.setViewportSize({ width, height: width === 768 ? 1024 : 800 });
      await ready(lang);
      await expectA11y(page, `${name} ${lang} ${width}`);
      await page.screenshot({ path: join(artifacts, `${name}-${lang}-${width}.png`), fullPage: true });
    }
  }
  await page.getByText('Українська', { exact: true }).click();
  await page.setViewportSize({ width: 1280, height: 800 });
  await ready('uk');
}

/** The figures of the comparison table: KATOTTG code → indicator key → display. */
/** A figure of the export ("73.9%", "1234") as the app writes it, the Ukrainian way ("73,9 %", "1 234"); "<5" as it is. */
function asOnScreen(v) {
  const m = /^(-?\d+(?:\.\d+)?)(%?)$/.exec(v);
  if (!m) return v;
  const n = Number(m[1]);
  return m[2] ? new Intl.NumberFormat('uk-UA', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(n) + '\u00a0%' : new Intl.NumberFormat('uk-UA').format(n);
}

async function tableFigures(page) {
  return page.getByTestId('comparison-table').evaluate((table) => {
    const out = {};
    for (const tr of table.querySelectorAll('tbody tr')) {
      const row = {};
      for (const td of tr.querySelectorAll('td[data-key]')) row[td.dataset.key] = td.textContent.trim();
      out[tr.dataset.code] = row;
    }
    return out;
  });
}

/** Asks the API with the page's session (and its CSRF token, as the app does). */
async function api(page, query) {
  return page.evaluate(async (q) => {
    const csrf = document.cookie.split('; ').find((c) => c.startsWith('turbota_csrf='))?.split('=')[1] ?? '';
    const r = await fetch('/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf) },
      body: JSON.stringify({ query: q }) });
    return r.json();
  }, query);
}

/** What the indicators are, as the API defines them. */
async function definitions(page) {
  return (await api(page, '{ indicatorDefinitions { key unit breakdown name { uk en } } }')).data.indicatorDefinitions;
}

let supervisor;

test('the regional supervisor compares the communities of the region and sorts them', async () => {
  const page = supervisor = await as(regionUser);
  await page.getByRole('link', { name: 'Показники' }).click();
  await page.getByRole('heading', { name: 'Показники', level: 1 }).waitFor();
  await page.getByRole('combobox', { name: 'Рівень' }).selectOption('region');
  await page.getByRole('combobox', { name: 'Період' }).selectOption('YEAR');
  // The demo's casework spreads over the last twelve months: in the first
  // half of a year most of it lies in the year before, which is the one shown.
  const today = new Date();
  if (today.getMonth() < 6) {
    await page.getByRole('textbox', { name: 'Рік', exact: true }).fill(String(today.getFullYear() - 1));
    await page.getByText(`Період: 01.01.${today.getFullYear() - 1}`).first().waitFor();
  }
  // The region's name fills in once the territory has loaded.
  const region = page.getByRole('textbox', { name: 'Область' });
  await region.waitFor();
  await page.waitForFunction((el) => el.value !== '', await region.elementHandle());
  assert.equal(await region.inputValue(), 'Вінницька область');
  const table = page.getByTestId('comparison-table');
  await table.waitFor();
  await page.getByText(/Період: 01\.01\.\d{4} – 31\.12\.\d{4}/).waitFor();
  // The definition stands next to each headline figure.
  await page.getByText('Повідомлення про дітей, зареєстровані за період.').waitFor();
  const rows = await table.locator('tbody tr').count();
  assert.ok(rows > 10, `the region's communities are compared (${rows})`);

  await table.getByRole('button', { name: 'Отримано повідомлень', exact: true }).click();
  const header = table.getByRole('columnheader', { name: /Отримано повідомлень/ });
  assert.equal(await header.getAttribute('aria-sort'), 'descending');
  const shown = await table.locator('tbody td[data-key="reports_received"]').allTextContents();
  const numbers = shown.filter((s) => /^\d+$/.test(s)).map(Number);
  assert.ok(numbers[0] > 0, 'the busiest community comes first');
  assert.deepEqual(numbers, [...numbers].sort((a, b) => b - a), `sorted largest first: ${shown.join(' ')}`);
  assert.equal((await table.locator('tbody tr').first().locator('td').first().textContent()).trim(), '1');
  await table.getByRole('button', { name: 'Отримано повідомлень', exact: true }).click();
  assert.equal(await header.getAttribute('aria-sort'), 'ascending');
  await table.getByRole('button', { name: 'Отримано повідомлень', exact: true }).click();

  await shots(page, 'regional-dashboard', async (lang) => {
    await page.getByRole('heading', { name: lang === 'uk' ? 'Показники' : 'Indicators', level: 1 }).waitFor();
    await page.getByTestId('comparison-table').waitFor();
  });
});

test('the XLSX export holds the figures on screen, small counts suppressed', async () => {
  const page = supervisor;
  const onScreen = await tableFigures(page);
  const totalShown = (await page.getByTestId('figure-reports_received').textContent()).trim();
  const defs = await definitions(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Завантажити Excel (XLSX) за цей період і територію' }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^indicators.*\.xlsx$/);
  const file = join(artifacts, 'regional-export.xlsx');
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const sheet = book.worksheets[0];
  const header = sheet.getRow(1).values.slice(1).map(String);
  assert.equal(header[0], 'Громада');
  assert.equal(header[1], 'КАТОТТГ');
  // Parts of broken-down indicators are named in words, not codes.
  assert.ok(header.some((h) => h === 'Повідомлення за джерелом: Заклад освіти'), header.join(' | '));
  assert.deepEqual(header.filter((h) => /: [A-Z][A-Z_]+$/.test(h)), []);

  const byName = new Map(defs.map((d) => [d.name.uk, d]));
  const column = (key) => header.indexOf(defs.find((d) => d.key === key).name.uk) + 1;
  const units = header.map((h) => byName.get(h.split(': ')[0])?.unit);
  const rows = [];
  sheet.eachRow((row, i) => { if (i > 1) rows.push(row); });
  const communities = rows.filter((r) => String(r.getCell(2).value ?? '').startsWith('UA'));
  assert.equal(communities.length, Object.keys(onScreen).length, 'one row per community on screen');

  // The same figures as on the screen, for every community and every indicator shown.
  let compared = 0;
  for (const row of communities) {
    const screen = onScreen[String(row.getCell(2).value)];
    assert.ok(screen, `community ${row.getCell(1).value} is on screen`);
    for (const key of ['reports_received', 'safety_on_time', 'needs_assessments', 'open_cases', 'children_removed', 'vouchers_issued']) {
      assert.equal(asOnScreen(String(row.getCell(column(key)).value)), screen[key], `${row.getCell(1).value}: ${key}`);
      compared++;
    }
  }
  assert.ok(compared >= 60, `compared ${compared} figures`);
  const total = rows.find((r) => r.getCell(1).value === 'Разом');
  assert.equal(asOnScreen(String(total.getCell(column('reports_received')).value)), totalShown);

  // No count below 5 is shown to an overseer: such cells read "<5".
  let suppressed = 0;
  for (const row of communities) {
    header.forEach((h, i) => {
      if (i < 2 || units[i] !== 'COUNT') return;
      const v = row.getCell(i + 1).value;
      if (v === '<5') suppressed++;
      assert.ok(!(typeof v === 'number' && v > 0 && v < 5), `${row.getCell(1).value} / ${h}: ${v} must be suppressed`);
    });
  }
  assert.ok(suppressed > 0, 'some small counts are suppressed in the region');
  for (const cells of Object.values(onScreen)) {
    for (const key of ['reports_received', 'safety_assessments', 'needs_assessments', 'open_cases', 'children_removed']) {
      assert.doesNotMatch(cells[key] ?? '', /^[1-4]$/, `${key} is suppressed on screen`);
    }
  }
});

test('the service map shows what the communities offer and what families lack', async () => {
  const page = supervisor;
  await page.getByRole('link', { name: 'Карта послуг', exact: true }).click();
  await page.getByRole('heading', { name: 'Карта соціальних послуг' }).waitFor();
  await page.getByTestId('service-overview').waitFor();
  await page.getByRole('button', { name: 'Агрономічна сільська громада' }).click();
  await page.getByRole('heading', { name: 'Агрономічна сільська громада', level: 2 }).waitFor();
  await page.getByTestId('minimal-package').waitFor();
  await page.getByText(/^Є \d+ з \d+ послуг мінімального пакета/).waitFor();
  assert.ok(await page.getByTestId('services').locator('tbody tr').count() > 0);
  const needs = await page.getByTestId('unmet-needs').locator('tbody td:last-child').allTextContents();
  assert.ok(needs.length > 0);
  for (const n of needs) assert.doesNotMatch(n, /^[1-4]$/, 'unmet needs of 1–4 families are suppressed');
  // The export of the unmet needs says the same.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'XLSX — завантажити: Непокриті потреби' }).click(),
  ]);
  const file = join(artifacts, 'regional-unmet-needs.xlsx');
  await download.saveAs(file);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  const cells = [];
  book.worksheets[0].eachRow((row, i) => { if (i > 1) cells.push(...row.values.slice(1).map(String)); });
  for (const n of needs) assert.ok(cells.includes(n), `${n} is in the export: ${cells.join(' | ')}`);
  assert.ok(!cells.some((c) => /^[1-4]$/.test(c)), `no count of 1–4 in the export: ${cells.join(' | ')}`);
  await shots(page, 'service-map', async (lang) => {
    await page.getByRole('heading', { name: lang === 'uk' ? 'Карта соціальних послуг' : 'Social services map' }).waitFor();
    await page.getByTestId('minimal-package').waitFor();
  });
});

test('the regional supervisor breaks the glass on one de-identified case', async () => {
  const page = supervisor;
  await page.getByRole('link', { name: 'Випадки громад' }).click();
  await page.getByRole('heading', { name: 'Випадки громади (знеособлено)' }).waitFor();
  await page.getByRole('textbox', { name: 'Громада' }).fill('Вінницька м');
  await page.getByRole('option', { name: 'Вінницька міська громада' }).click();
  const list = page.getByTestId('deidentified-cases');
  await list.waitFor();
  assert.ok(await list.locator('tbody tr').count() > 0);
  // No names: the rows carry a reference, the month and the state only.
  assert.doesNotMatch(await list.textContent(), /Мельник|Вербенко/);
  await shots(page, 'deidentified-cases', async (lang) => {
    await page.getByRole('heading', { name: lang === 'uk' ? 'Випадки громади (знеособлено)' : 'Community cases (de-identified)' }).waitFor();
    await page.getByTestId('deidentified-cases').waitFor();
  });

  const row = list.locator('tbody tr').first();
  const reference = await row.getAttribute('data-reference');
  await row.getByRole('button', { name: `Екстрений доступ до випадку ${reference}` }).click();
  const dialog = page.getByRole('dialog', { name: 'Екстрений доступ до випадку' });
  await dialog.getByRole('textbox', { name: 'Причина' }).fill('терміново');
  await dialog.getByRole('button', { name: 'Відкрити доступ' }).click();
  await dialog.getByText('Опишіть причину щонайменше 20 символами.').waitFor();
  await dialogSettled(page);
  await expectA11y(page, 'emergency access form');
  await page.screenshot({ path: join(artifacts, 'emergency-access-form-uk-1280.png') });
  await dialog.getByRole('textbox', { name: 'Причина' }).fill(reason);
  await dialog.getByRole('button', { name: 'Відкрити доступ' }).click();
  await page.getByRole('status').filter({ hasText: `Випадок ${reference} відкрито для вас до` }).waitFor();
  await page.getByTestId('my-accesses').getByText(reason).waitFor();
  await page.getByRole('status').getByRole('link', { name: 'Відкрити випадок' }).click();
  await page.waitForURL('**/cases/*');
  await page.getByRole('tab', { name: 'Огляд' }).waitFor();
  await page.getByRole('heading', { level: 1 }).waitFor();
  await page.getByText(`з причини: «${reason}»`).waitFor();
  await expectA11y(page, 'case opened by emergency access');
  await page.screenshot({ path: join(artifacts, 'emergency-case-uk-1280.png'), fullPage: true });
});

test('the regional home opens on the open emergency access and the communities with late assessments', async () => {
  const page = supervisor;
  await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Головна', exact: true }).click();
  const access = page.getByTestId('attention-access').filter({ hasText: reason });
  await access.waitFor();
  await page.getByRole('heading', { name: /^Відкрит\S* екстрен\S* доступ\S*: [1-9]\d*$/ }).waitFor();
  const late = page.getByRole('heading', { name: /^Громади з простроченим оцінюванням: \d+$/ });
  await late.waitFor();
  const count = Number((await late.textContent()).match(/\d+$/)[0]);
  if (count === 0) await page.getByText('За цей період усі оцінювання проведено вчасно', { exact: false }).waitFor();
  else assert.equal(await page.getByTestId('attention-community').count(), Math.min(count, 10));
  await shots(page, 'regional-home', async (lang) => {
    await page.getByRole('heading', { name: lang === 'uk' ? /^Громади з простроченим оцінюванням/ : /^Communities with late assessments/ }).waitFor();
    await page.getByTestId('attention-access').filter({ hasText: reason }).waitFor();
  });
  await access.getByRole('link', { name: 'Відкрити випадок' }).click();
  await page.waitForURL('**/cases/*');
  await page.getByText(`з причини: «${reason}»`).waitFor();
});

test('the community sees who broke the glass, why and until when', async () => {
  const page = await as('ssd');
  await page.getByRole('link', { name: 'Екстрений доступ' }).click();
  await page.getByRole('heading', { name: 'Екстрений доступ до випадків' }).waitFor();
  const table = page.getByTestId('community-accesses');
  const row = table.locator('tbody tr', { hasText: reason }).first();
  await row.waitFor();
  await row.getByText('чинний').waitFor();
  await shots(page, 'emergency-accesses', async (lang) => {
    await page.getByRole('heading', { name: lang === 'uk' ? 'Екстрений доступ до випадків' : 'Emergency access to cases' }).waitFor();
    await page.getByTestId('community-accesses').waitFor();
  });
});

test('social protection runs a voucher programme within its budget; the provider redeems a voucher', async () => {
  const page = await as('uszn');
  await page.getByRole('link', { name: 'Сертифікати' }).click();
  await page.getByRole('heading', { name: 'Сертифікати на соціальні послуги' }).waitFor();
  await page.getByRole('button', { name: 'Нова програма' }).click();
  const name = `Сертифікати на денний догляд ${Date.now().toString(36)}`;
  await page.getByRole('textbox', { name: 'Назва програми' }).fill(name);
  await page.getByRole('textbox', { name: /Вартість сертифіката/ }).fill('2500');
  await page.getByRole('textbox', { name: /Кількість сертифікатів/ }).fill('1');
  await page.getByRole('textbox', { name: /Хто має право/ }).fill("Сім'ї з дітьми у складних життєвих обставинах");
  await expectA11y(page, 'new programme form');
  await page.getByRole('button', { name: 'Створити програму' }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
  const programmeURL = new URL(page.url()).pathname;

  // Issued from the programme's page, the family found by its name.
  const family = page.getByRole('textbox', { name: /^Сім'я/ });
  await family.fill('Калин');
  await page.getByRole('option', { name: /Калинюк/ }).click();
  await page.getByRole('button', { name: 'Видати', exact: true }).click();
  await page.getByText('Сертифікат № 001 видано.').first().waitFor();
  await page.getByTestId('remaining').filter({ hasText: /^0$/ }).waitFor();
  await page.getByTestId('issued-count').filter({ hasText: /^1$/ }).waitFor();
  // The budget is spent: the server refuses the next one, and the form says why.
  await family.fill('Ясенч');
  await page.getByRole('option', { name: /Ясенчук/ }).click();
  await page.getByRole('button', { name: 'Видати', exact: true }).click();
  await page.getByRole('alert').filter({ hasText: 'Бюджет програми вичерпано' }).waitFor();
  await expectA11y(page, 'budget spent');
  await shots(page, 'voucher-programme', async () => {
    await page.getByRole('heading', { name, level: 1 }).waitFor();
    await page.getByTestId('vouchers').waitFor();
  });

  await page.getByRole('link', { name: /Сертифікати на соціальні послуги/ }).click();
  await page.getByTestId('programmes').locator('tr', { hasText: name }).getByText('1 з 1').waitFor();
  await shots(page, 'vouchers', async (lang) => {
    await page.getByRole('heading', { name: lang === 'uk' ? 'Сертифікати на соціальні послуги' : 'Vouchers for social services' }).waitFor();
    await page.getByTestId('programmes').waitFor();
  });

  // The provider that gave the service redeems the voucher for its own organisation.
  const provider = await as('provider');
  await provider.goto(new URL(programmeURL, provider.url()).href);
  await provider.getByRole('heading', { name, level: 1 }).waitFor();
  await provider.getByRole('button', { name: 'Погасити сертифікат № 001' }).click();
  const dialog = provider.getByRole('dialog', { name: 'Погасити сертифікат № 001' });
  await dialog.getByRole('textbox', { name: /Надавач/ }).waitFor();
  await dialogSettled(provider);
  await expectA11y(provider, 'redeem form');
  await dialog.getByRole('button', { name: 'Погасити' }).click();
  await provider.getByTestId('vouchers').getByText('використано').waitFor();
  await provider.getByText('Сертифікат погашено.').first().waitFor();
});

test('a partner reporter may not list a community\'s de-identified cases', async () => {
  const page = await as('school');
  const id = (await api(page, '{ viewer { memberships { community { id } } } }')).data.viewer.memberships[0].community.id;
  const r = await api(page, `{ deidentifiedCases(communityID: "${id}") { reference } }`);
  assert.equal(r.errors?.[0]?.extensions?.code, 'FORBIDDEN', `a partner reporter may not list the cases: ${JSON.stringify(r)}`);
  assert.equal(await page.getByRole('link', { name: 'Випадки громад' }).count(), 0);
});
