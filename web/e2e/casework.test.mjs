// The life of a case across the services that share it, in the browser,
// against the real binary with its demo data: the children's service
// registers a report and assesses safety, refers the family to a provider
// with the family's consent; the provider accepts, assesses needs; the
// social protection department decides; the provider draws up and agrees
// the plan, records a visit and closes the case. Then: a provider cannot
// open a family that was never referred to it; the main pages pass axe;
// under make bench-web, the case page's load time on a throttled Fast 3G
// line is measured (asserted under 2 s only with TURBOTA_E2E_ASSERT_TIMINGS=1).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, axe, base, choose, launch, shot, signIn } from './helpers.mjs';

let browser;
const users = {};
const letters = 'абвгдежзиклмнопрстуфхцчшя';
const tag = Array.from({ length: 5 }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
const surname = `Перевір${tag}`;
const reason = `Просимо оцінити потреби сім'ї ${surname}`;
const provider = /Центр надання соціальних послуг/;
let caseURL;

/** The day n days from now in Kyiv, as the app's date fields take it (dd.mm.yyyy). */
const dayIn = (n) => new Date(Date.now() + n * 86_400_000)
  .toLocaleDateString('uk-UA', { timeZone: 'Europe/Kyiv', day: '2-digit', month: '2-digit', year: 'numeric' });

before(async () => {
  browser = await launch();
});

after(async () => {
  for (const u of Object.values(users)) await u.context.close();
  await browser?.close();
});

async function as(user) {
  users[user] ??= await signIn(browser, user);
  return users[user].page;
}

async function expectA11y(page, name) {
  const violations = await axe(page);
  assert.deepEqual(violations, [], `${name}: ${JSON.stringify(violations, null, 1)}`);
}

async function toast(page, text) {
  await page.getByText(text).first().waitFor();
}

test('children\'s service registers a report, assesses safety and refers the family', async () => {
  const page = await as('ssd');
  await page.getByRole('link', { name: 'Нове повідомлення' }).first().click();
  await page.getByRole('heading', { name: 'Повідомлення про дитину, яка може потребувати захисту' }).waitFor();
  await expectA11y(page, 'report form');
  await page.getByRole('textbox', { name: 'Що сталося' }).fill('Дитина кілька днів не приходить до школи, вдома немає дорослих удень.');
  await page.getByRole('checkbox', { name: 'Занедбаність' }).check();
  await page.getByRole('textbox', { name: 'Прізвище', exact: true }).fill(surname);
  await page.getByRole('textbox', { name: "Ім'я", exact: true }).fill('Марко');
  await page.getByRole('textbox', { name: 'Дата народження' }).fill('12.03.2015');
  await page.getByRole('textbox', { name: 'Назва (прізвище)' }).fill(surname);
  await page.getByRole('textbox', { name: 'Адреса' }).fill('вул. Тестова, 1, м. Вінниця');
  // No source is chosen for the worker.
  assert.equal(await page.getByRole('textbox', { name: 'Джерело', exact: true }).inputValue(), '');
  await choose(page, 'Джерело', 'Заклад освіти');
  await shot(page, 'report-form');
  await page.getByRole('button', { name: 'Зареєструвати повідомлення' }).click();
  await page.waitForURL('**/cases/*');
  caseURL = new URL(page.url()).pathname;
  await page.getByRole('heading', { name: `Сім'я ${surname}` }).waitFor();
  await page.getByText('Повідомлення зареєстровано').first().waitFor();
  assert.equal(await page.title(), 'Випадок — Турбота');
  await shot(page, 'case-overview');
  await expectA11y(page, 'case page');

  // The report is corrected with its reason; the old values stay in its history.
  await page.getByRole('button', { name: 'Виправити повідомлення' }).click();
  await page.getByRole('textbox', { name: /Причина виправлення/ }).fill('Повідомили сусіди, а не школа.');
  await choose(page, 'Джерело', 'Сусіди');
  await page.getByRole('button', { name: 'Зберегти виправлення' }).click();
  await toast(page, 'Повідомлення виправлено; попередні значення збережено.');
  await page.getByText('Історія виправлень').first().waitFor();
  await page.getByText('Повідомили сусіди, а не школа.').first().waitFor();
  await expectA11y(page, 'corrected report');
  await shot(page, 'case-report-corrected');

  await page.getByRole('tab', { name: 'Оцінка безпеки' }).click();
  await page.getByRole('radio', { name: 'Є небезпека' }).check();
  await page.getByRole('textbox', { name: /Що встановлено щодо дитини/ }).fill('Дитина без нагляду вдень; ознак насильства немає.');
  await page.getByRole('button', { name: 'Зберегти оцінювання' }).click();
  await toast(page, 'Оцінювання безпеки збережено.');
  await page.getByRole('heading', { name: 'Оцінювання рівня безпеки дитини', exact: true }).waitFor();
  await expectA11y(page, 'safety assessment');
  await shot(page, 'case-safety');

  await page.getByRole('tab', { name: 'Направлення і команда' }).click();
  await page.getByRole('textbox', { name: /Хто надав/ }).fill('Мати дитини');
  await page.getByRole('textbox', { name: 'Підписана згода' }).fill('Згода № 1/2026');
  // A consent names whom it lets the case go to (and why): the provider, for a referral.
  await choose(page, 'Кому передавати', provider);
  await page.getByRole('button', { name: 'Зберегти згоду' }).click();
  await toast(page, 'Згоду зафіксовано.');
  await choose(page, 'Кому', provider);
  await page.getByRole('textbox', { name: 'Що просимо зробити' }).fill(reason);
  await page.getByRole('button', { name: 'Надіслати направлення' }).click();
  await toast(page, 'Направлення надіслано.');
  await page.getByText(reason).first().waitFor();
  await shot(page, 'case-referral');
});

test('a report without a child or a family keeps its address; the family and child are attached from the case', async () => {
  const page = await as('ssd');
  const report = async (address) => {
    await page.goto(base + '/reports/new');
    await page.getByRole('textbox', { name: 'Що сталося' }).fill('Вчителька повідомила: дитина приходить до школи голодною.');
    await page.getByRole('button', { name: 'Вилучити' }).first().click();
    await choose(page, 'Джерело', 'Заклад освіти');
    if (address) await page.getByRole('textbox', { name: 'Адреса' }).fill(address);
    await page.getByRole('button', { name: 'Зареєструвати повідомлення' }).click();
    await page.waitForURL('**/cases/*');
  };
  // Only an address: the family is registered with it, its surname to come.
  await report(`вул. Адресна ${tag}, 5`);
  await page.getByRole('heading', { name: "Сім'я (прізвище не встановлено)" }).waitFor();
  await page.getByText(`вул. Адресна ${tag}, 5`).first().waitFor();

  // Nothing known: the case has no family, and the worker finds it later.
  await report('');
  await page.getByRole('heading', { name: "Випадок без сім'ї" }).waitFor();
  await page.getByRole('textbox', { name: "Прізвище або адреса сім'ї" }).fill(surname);
  const found = page.getByRole('status').filter({ hasText: "Можливо, сім'ю вже зареєстровано" });
  await found.getByText(`Сім'я ${surname}`).waitFor();
  await expectA11y(page, 'attach family');
  await shot(page, 'case-attach-family');
  await found.getByRole('button', { name: "Це ця сім'я" }).click();
  await page.getByRole('heading', { name: `Сім'я ${surname}` }).waitFor();

  // The child: the register is searched first, and the child found is attached.
  await page.getByRole('button', { name: 'Додати дитину' }).click();
  const form = page.getByRole('form', { name: 'Додати дитину до випадку' });
  await form.getByRole('textbox', { name: 'Прізвище', exact: true }).fill(surname);
  await form.getByRole('textbox', { name: "Ім'я", exact: true }).fill('Марко');
  await form.getByRole('textbox', { name: 'Дата народження' }).fill('12.03.2015');
  await form.getByRole('button', { name: 'Додати дитину' }).click();
  await form.getByText('Можливо, цю дитину вже зареєстровано').waitFor();
  await shot(page, 'case-attach-child');
  await form.getByRole('button', { name: 'Це вона — використати запис' }).click();
  await toast(page, 'Дитину додано до випадку.');
  await page.getByRole('region', { name: 'Діти' }).getByRole('link', { name: new RegExp(surname) }).waitFor();
});

test('the provider accepts the referral and assesses the family\'s needs', async () => {
  const page = await as('provider');
  await page.getByRole('link', { name: 'Направлення', exact: true }).click();
  const card = page.locator('.mantine-Card-root', { hasText: reason });
  await card.getByRole('button', { name: 'Прийняти' }).click();
  await toast(page, 'Направлення прийнято');
  await shot(page, 'referrals');

  await page.goto(base + caseURL + '/needs');
  await page.getByRole('heading', { name: "Нове оцінювання потреб сім'ї" }).waitFor();
  for (let i = 0; i < 3; i++) {
    await choose(page, 'Оцінка', i === 1 ? 'Серйозне занепокоєння' : 'Певне занепокоєння', i);
    await page.getByRole('textbox', { name: 'Опис', exact: true }).nth(i).fill(['Дитина відстає в навчанні.', 'Мати працює позмінно, дитина без нагляду.', 'Житло задовільне, підтримки родичів немає.'][i]);
  }
  await page.getByRole('textbox', { name: "Сильні сторони сім'ї" }).fill('Мати турботлива, готова до співпраці.');
  await page.getByRole('textbox', { name: 'Висновок' }).fill('Потрібен соціальний супровід.');
  await page.getByRole('textbox', { name: 'Номер акта оцінки потреб' }).fill(`А-${tag}`);
  await page.getByRole('button', { name: 'Зберегти акт' }).click();
  await toast(page, 'Акт оцінки потреб збережено.');
  await page.getByRole('heading', { name: `Акт оцінки потреб № А-${tag}` }).waitFor();
  await page.getByText('Очікує рішення').first().waitFor();
  await expectA11y(page, 'needs assessment');
  await shot(page, 'case-needs');
});

test('social protection decides to provide services', async () => {
  const page = await as('uszn');
  await page.goto(base + caseURL + '/decisions');
  await page.getByRole('heading', { name: 'Нове рішення' }).waitFor();
  await page.getByRole('textbox', { name: 'Номер' }).fill(`Р-${tag}`);
  await page.getByRole('textbox', { name: 'Правова підстава' }).fill('ст. 21 Закону України «Про соціальні послуги»');
  await choose(page, 'Надавач послуг', provider);
  await page.getByRole('button', { name: 'Зберегти рішення' }).click();
  await toast(page, 'Рішення збережено.');
  await page.getByText('Надання послуг / супровід').first().waitFor();
  await shot(page, 'case-decisions');
  // The accompaniment's end is the rules' answer, shown on the overview.
  await page.goto(base + caseURL);
  await page.getByRole('heading', { name: 'Соціальний супровід', exact: true }).waitFor();
  await page.getByText('0 з 2 можливих', { exact: false }).first().waitFor();
});

test('the provider agrees a plan with the family, records a visit and closes the case', async () => {
  const page = await as('provider');
  await page.goto(base + caseURL + '/plan');
  await page.getByRole('button', { name: 'Скласти план' }).click();
  await page.getByRole('textbox', { name: 'Мета 1' }).fill('Дитина регулярно відвідує школу');
  await page.getByRole('textbox', { name: 'Захід', exact: true }).fill('Консультації матері щодо організації нагляду');
  await choose(page, 'Відповідальна організація', provider);
  await page.getByRole('textbox', { name: 'Строк', exact: true }).fill(dayIn(90));
  await page.getByRole('button', { name: 'Зберегти версію плану' }).click();
  await toast(page, 'Збережено версію плану 1.');
  await page.getByRole('heading', { name: 'Індивідуальний план, версія 1' }).waitFor();
  await page.getByRole('textbox', { name: 'Підписане погодження' }).fill(`П-${tag}`);
  await page.getByRole('button', { name: 'Зафіксувати погодження' }).click();
  await toast(page, 'Погодження плану зафіксовано.');
  await page.getByText(/^Погоджено /).first().waitFor();
  await expectA11y(page, 'plan');
  await shot(page, 'case-plan');
  await page.emulateMedia({ media: 'print' });
  await page.pdf?.({ path: join(artifacts, 'case-plan-print.pdf'), format: 'A4' }).catch(() => undefined);
  await shot(page, 'case-plan-print');
  await page.emulateMedia({ media: 'screen' });

  await page.getByRole('tab', { name: 'Послуги та візити' }).click();
  await page.getByRole('textbox', { name: 'Що зроблено, домовленості' }).fill('Візит додому: обговорили розклад, мати погодилась на консультації.');
  await page.getByRole('button', { name: 'Зберегти запис' }).click();
  await toast(page, 'Запис збережено.');
  await page.locator('.mantine-Card-root', { hasText: 'обговорили розклад' }).waitFor();
  await shot(page, 'case-services');

  // A service still running: closing says so and leads to the services.
  // The provider's own organisation is the service's provider already.
  await choose(page, 'Послуга (класифікатор)', /./);
  await page.getByRole('button', { name: 'Розпочати', exact: true }).click();
  await toast(page, 'Послугу розпочато.');

  await page.getByRole('button', { name: 'Почати перегляд' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Підтвердити' }).click();
  await page.getByText('Перегляд', { exact: true }).first().waitFor();
  const close = async () => {
    await page.getByRole('button', { name: 'Закрити випадок' }).click();
    const dialog = page.getByRole('dialog');
    // The outcome picked before a refusal is kept (picking it again would clear it).
    const outcome = dialog.getByRole('textbox', { name: 'Результат закриття' });
    if (await outcome.inputValue() !== 'Мету досягнуто') {
      await outcome.click();
      await page.getByRole('option', { name: 'Мету досягнуто' }).click();
    }
    await dialog.getByRole('button', { name: 'Підтвердити' }).click();
    return dialog;
  };
  const refused = await close();
  await refused.getByRole('alert').getByText(/завершіть усі послуги/).waitFor();
  await shot(page, 'case-close-open-work');
  await refused.getByRole('link', { name: 'Перейти до послуг' }).click();
  await page.getByRole('tab', { name: 'Послуги та візити', selected: true }).waitFor();
  await page.getByRole('button', { name: 'Завершити', exact: true }).click();
  await page.getByRole('button', { name: 'Завершити послугу' }).click();
  await page.getByRole('button', { name: 'Завершити', exact: true }).waitFor({ state: 'detached' });

  await close();
  await page.getByText('Закрито', { exact: true }).first().waitFor();
  // A closed case offers no more steps, only reopening.
  await page.getByRole('button', { name: 'Зберегти запис' }).waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: 'Розпочати', exact: true }).count(), 0);
  for (const tab of ['safety', 'needs', 'decisions', 'plan', 'referrals']) {
    await page.goto(base + caseURL + '/' + tab);
    await page.getByRole('tab', { selected: true }).waitFor();
    assert.equal(await page.locator('main form').count(), 0, `${tab}: a form on a closed case`);
  }
  await page.goto(base + caseURL + '/timeline');
  await page.getByText('Направлення прийнято').first().waitFor();
  // Each entry in words, with the person who acted.
  const timeline = page.locator('[aria-label="Хронологія"]');
  await timeline.getByText('Візит додому').first().waitFor();
  const text = await timeline.innerText();
  assert.doesNotMatch(text, /\b(HOME_VISIT|CLOSURE|PLAN|PROVIDE_SERVICES|NEEDS_ASSESSMENT|assigned)\b|\bви\b|колега/);
  assert.match(text, /Віктор Ткач/);
  await shot(page, 'case-timeline');
});

test('a provider cannot open a family that was never referred to it', async () => {
  const ssd = await as('ssd');
  await ssd.goto(base + '/people?q=' + encodeURIComponent('вербенко'));
  const href = await ssd.getByRole('link', { name: /Вербенко/ }).last().getAttribute('href');
  assert.match(href, /^\/(families|persons)\//);
  await shot(ssd, 'people');
  await ssd.goto(base + href);
  await ssd.getByRole('heading', { name: /Вербенко/ }).first().waitFor();
  await expectA11y(ssd, 'family page');
  await shot(ssd, 'family');

  const page = await as('provider');
  await page.goto(base + href);
  await page.getByRole('heading', { name: 'Немає доступу' }).waitFor();
  assert.equal(await page.getByText('Вербенко').count(), 0);
  await shot(page, 'no-access');
});

test('main pages of other roles are accessible', async () => {
  const ssd = await as('ssd');
  for (const [path, heading, name] of [['/', /Вітаємо/, 'home'], ['/cases', 'Випадки', 'cases'], ['/register', /Облік дітей/, 'register']]) {
    await ssd.goto(base + path);
    await ssd.getByRole('heading', { name: heading }).first().waitFor();
    await ssd.waitForLoadState('networkidle');
    await expectA11y(ssd, name);
    await shot(ssd, name);
  }
  await ssd.setViewportSize({ width: 768, height: 1024 });
  await ssd.goto(base + caseURL);
  await ssd.getByRole('heading', { name: `Сім'я ${surname}` }).waitFor();
  await expectA11y(ssd, 'case page at 768');
  await shot(ssd, 'case-tablet');
  await ssd.setViewportSize({ width: 1280, height: 800 });

  const { context, page } = await signIn(browser, 'admin');
  await page.goto(base + '/admin/organizations');
  await page.getByRole('heading', { name: /Адміністрування/ }).waitFor();
  await expectA11y(page, 'administration');
  await shot(page, 'admin');
  await context.close();

  const school = await signIn(browser, 'school');
  await school.page.getByRole('link', { name: 'Нове повідомлення' }).first().click();
  await school.page.getByRole('textbox', { name: 'Що сталося' }).fill('Учень 5-Б класу Назар, 11 років, третій день приходить голодним.');
  await choose(school.page, 'Джерело', 'Заклад освіти');
  await school.page.getByRole('button', { name: 'Зареєструвати повідомлення' }).click();
  await school.page.getByText('Дякуємо, повідомлення зареєстровано').waitFor();
  await expectA11y(school.page, 'partner report');
  await shot(school.page, 'partner-report');
  await school.context.close();
});

// Chrome DevTools' "Fast 3G": 562.5 ms round trip, 1.44 Mbit/s down, 675 kbit/s up.
const fast3g = { offline: false, latency: 562.5, downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9, uploadThroughput: (750 * 1024 / 8) * 0.9 };

// A measurement, not a check: make bench-web runs it (TURBOTA_E2E_PERF_RUNS).
const measuring = !!process.env.TURBOTA_E2E_PERF_RUNS;

test('the case page loads on a throttled Fast 3G line', { skip: !measuring && 'measured by make bench-web' }, async () => {
  const { context, page } = await signIn(browser, 'ssd');
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const heading = page.getByRole('heading', { name: `Сім'я ${surname}` });
  async function timed(go) {
    const t0 = Date.now();
    await go();
    await heading.waitFor();
    return Date.now() - t0;
  }
  // A worker's usual day: the app is cached from earlier, a case link is opened.
  await page.goto(base + caseURL);
  await heading.waitFor();
  await cdp.send('Network.emulateNetworkConditions', fast3g);
  const warm = await timed(() => page.goto(base + caseURL));
  // From the list of cases inside the app.
  await page.goto(base + '/cases?status=all');
  await page.getByRole('link', { name: `Сім'я ${surname}` }).waitFor();
  const inApp = await timed(() => page.getByRole('link', { name: `Сім'я ${surname}` }).click());
  // The very first visit after an update: nothing cached.
  await cdp.send('Network.clearBrowserCache');
  const cold = await timed(() => page.goto(base + caseURL));
  const figures = { profile: 'Fast 3G (562.5 ms RTT, 1.44 Mbit/s)', warmMs: warm, inAppMs: inApp, coldMs: cold };
  writeFileSync(join(artifacts, 'perf-fast3g.json'), JSON.stringify(figures, null, 2));
  console.log('case page on Fast 3G:', JSON.stringify(figures));
  // Measured, not asserted, unless asked: a shared 2-core machine is no
  // stopwatch, and a busy one made this fail with nothing wrong.
  if (process.env.TURBOTA_E2E_ASSERT_TIMINGS === '1') {
    assert.ok(warm < 2000, `case page took ${warm} ms on Fast 3G with the app cached`);
    assert.ok(inApp < 2000, `case page took ${inApp} ms on Fast 3G from the list`);
  } else if (warm >= 2000 || inApp >= 2000) {
    console.log(`WARNING: the case page took ${warm} ms (cached) and ${inApp} ms (from the list) on Fast 3G, over the 2000 ms target`);
  }
  await context.close();
});
