// Official documents in the browser, as the social protection department
// (a demo account no other browser test signs in as) reads them: a case's
// act of the safety assessment prints as the server lays it out (the
// letterhead, the number line, the title, signatories by role) without the
// screen around it, and its PDF, numbered and rendered by the server,
// downloads.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { base, gql, launch, signIn } from './helpers.mjs';

let browser;
let uszn;

before(async () => {
  browser = await launch();
  uszn = await signIn(browser, 'uszn');
});

after(async () => {
  await uszn?.context.close();
  await browser?.close();
});

test("a case's safety act prints as a document and downloads as PDF", async () => {
  const { page, context } = uszn;
  const data = await gql(context, '{ cases(first: 50, orderBy: { field: OPENED_AT, direction: ASC }) { edges { node { id safetyAssessments { id } } } } }');
  const withAct = data.cases.edges.map((e) => e.node).find((c) => (c.safetyAssessments ?? []).length > 0);
  assert.ok(withAct, 'a demo case with a safety assessment');
  await page.goto(`${base}/cases/${withAct.id}`);
  await page.getByRole('tab', { name: 'Оцінка безпеки' }).click();
  const link = page.getByRole('link', { name: 'Завантажити PDF' }).first();
  await link.waitFor();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/documents\/safety-act\/[^/]+\?lang=uk$/);

  await page.emulateMedia({ media: 'print' });
  assert.equal(await link.isVisible(), false, 'the download link does not print');
  assert.equal(await page.getByRole('tablist').isVisible(), false, 'the tabs do not print');
  const official = page.getByTestId('official-print').first();
  await official.waitFor();
  const paper = await official.innerText();
  assert.match(paper, /Служба у справах дітей Вінницької міської ради/, 'the letterhead');
  assert.match(paper, /Акт оцінювання рівня безпеки дитини/, 'the title');
  assert.match(paper, /№ /, 'the number line');
  await page.getByText('Начальник служби у справах дітей').first().waitFor();
  assert.equal(await page.getByText('Керівник служби', { exact: true }).count(), 0, 'no generic signatory');
  await page.emulateMedia({ media: 'screen' });

  const res = await context.request.get(base + href);
  assert.equal(res.status(), 200);
  assert.equal(res.headers()['content-type'], 'application/pdf');
  assert.match(res.headers()['content-disposition'], /^attachment; filename=safety-act-\d+-\d{4}\.pdf; filename\*=UTF-8''/);
  const body = await res.body();
  assert.equal(body.subarray(0, 5).toString(), '%PDF-');
});
