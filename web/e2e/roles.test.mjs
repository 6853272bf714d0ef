// Communities tune access, in the browser against the real binary: the
// admin of Вінницька громада takes a right away from the provider
// specialists of the community on the Roles tab (the specialists lose it at
// once), gives it back, and defines a role of the community's own from
// rights the admin holds, then retires it. The page passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, domain, gql, launch, newContext, signIn, signInByAPI } from './helpers.mjs';

let browser;
const contexts = [];

before(async () => {
  browser = await launch();
});

after(async () => {
  for (const c of contexts) await c.close();
  await browser?.close();
});

/** The specialist's rights in their community, asked over the API. */
async function specialistCan(permission) {
  const context = await newContext(browser);
  contexts.push(context);
  await signInByAPI(context, `specialist@${domain}`);
  const viewer = await gql(context, '{ viewer { memberships { community { id } } } }');
  const community = viewer.viewer.memberships.find((m) => m.community).community.id;
  const data = await gql(context, 'query($c: ID!) { viewer { permissions(communityID: $c) } }', { c: community });
  return data.viewer.permissions.includes(permission);
}

test('an admin narrows a role, restores it, and defines a role of the community', async () => {
  const { context, page } = await signIn(browser, 'admin');
  contexts.push(context);
  await page.goto(new URL('/admin/roles', page.url()).href);
  const specialists = page.getByTestId('role-PROVIDER_SPECIALIST');
  const right = specialists.getByRole('checkbox', { name: /Календар святкових днів — Перегляд/ });
  await right.waitFor();
  assert.equal(await right.isChecked(), true);
  assert.equal(await specialistCan('calendar_year:read'), true);

  await right.click();
  await specialists.getByText('Забрано', { exact: true }).waitFor();
  assert.equal(await specialistCan('calendar_year:read'), false, 'the narrowed specialists still hold the right');

  await specialists.getByRole('checkbox', { name: /Календар святкових днів — Перегляд/ }).click();
  await specialists.getByText('Дозволено', { exact: true }).first().waitFor();
  assert.equal(await specialistCan('calendar_year:read'), true, 'restored, the specialists do not hold the right');

  await page.getByLabel('Назва українською').fill('Реєстратор організацій');
  await page.getByLabel('Назва англійською').fill('Organisation registrar');
  await page.getByRole('textbox', { name: 'Права' }).click();
  await page.getByRole('option', { name: /Створення/ }).first().click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Створити роль' }).click();
  const own = page.getByRole('region', { name: 'Реєстратор організацій' });
  await own.waitFor();
  assert.deepEqual(await axe(page), []);
  await own.getByRole('button', { name: 'Скасувати' }).click();
  await own.getByText('Скасована', { exact: true }).first().waitFor();
});
