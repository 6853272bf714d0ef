// A case becomes TRANSFERRED only by a transfer that names who takes it
// over (issue 13): the case page offers no bare «Передати…» step, and its
// «Передати організації громади» dialog names the organisation and asks
// for the family's consent (or the legal basis) before anything moves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, base, gql, launch, signIn } from './helpers.mjs';

let browser;
let ssd;

before(async () => {
  browser = await launch();
  ssd = await signIn(browser, 'ssd');
});

after(async () => {
  await ssd?.context.close();
  await browser?.close();
});

test('a case is handed on only to a named organisation, with its basis', async () => {
  const open = await gql(ssd.context, `{ cases(first: 20, where: {statusIn: [ASSESSING_NEEDS, OPEN]}) { edges { node { id allowedTransitions } } } }`);
  const node = open.cases.edges.map((e) => e.node)[0];
  assert.ok(node, 'no demo case under way');
  assert.ok(!node.allowedTransitions.includes('TRANSFERRED'), 'a bare transfer is offered');
  const { page } = ssd;
  await page.goto(`${base}/cases/${node.id}`);
  await page.getByRole('button', { name: 'Передати організації громади' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox', { name: 'Організація, яка приймає випадок' }).click();
  await dialog.getByRole('option', { name: /Родинне коло Поділля/ }).click();
  assert.deepEqual(await axe(page), []);
  await dialog.getByRole('button', { name: 'Передати', exact: true }).click();
  await dialog.getByRole('alert').waitFor();
  const after = await gql(ssd.context, 'query($id: ID!) { node(id: $id) { ... on Case { status } } }', { id: node.id });
  assert.notEqual(after.node.status, 'TRANSFERRED', 'the case moved without the family\'s consent or a basis');
});
