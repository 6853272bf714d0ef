// A family moves from Вінниця to Полтава, in the browser, against the real
// binary with its demo data: Вінниця's children's service asks to transfer
// an open case (on the legal basis, the family not having consented);
// Полтава's children's service sees only the request's summary, accepts it
// and opens the case, which awaits a new needs assessment; Вінниця keeps
// the request, accepted, and no longer reads the case. The transfers page
// passes axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { axe, base, gql, launch, shot, signIn } from './helpers.mjs';

let browser;
const users = {};

before(async () => {
  browser = await launch();
});

after(async () => {
  for (const u of Object.values(users)) await u.context.close();
  await browser?.close();
});

async function as(user) {
  users[user] ??= await signIn(browser, user);
  return users[user];
}

test('a case goes to another community and is read there only once accepted', async () => {
  const sender = await as('ssd');
  const open = await gql(sender.context, `{ cases(first: 50, where: {statusIn: [REPORTED, ASSESSING_NEEDS, OPEN]}) { edges { node { id } } } }`);
  let caseID = null;
  for (const { node } of open.cases.edges) {
    await sender.page.goto(`${base}/cases/${node.id}`);
    await sender.page.getByRole('button', { name: 'Передати в іншу громаду' }).click();
    await sender.page.getByRole('textbox', { name: 'Громада, до якої передається випадок' }).fill('Полтав');
    await sender.page.getByRole('option', { name: /Полтавськ/ }).first().click();
    await sender.page.getByRole('textbox', { name: 'Підстава передачі', exact: true }).fill("Сім'я переїхала до Полтави");
    await sender.page.getByRole('textbox', { name: "Правова підстава передачі без згоди сім'ї" }).fill('ст. 12 ЗУ «Про охорону дитинства»');
    await sender.page.getByRole('button', { name: 'Надіслати запит' }).click();
    const outcome = await Promise.race([
      sender.page.getByText('Запит на передачу надіслано').waitFor().then(() => 'sent'),
      sender.page.getByRole('dialog').getByRole('alert').waitFor().then(() => 'refused'),
    ]);
    if (outcome === 'sent') { caseID = node.id; break; }
  }
  assert.ok(caseID, 'no demo case could be transferred');

  const receiver = await as('ssd@poltava.demo.turbota.ua');
  const before = await gql(receiver.context, 'query($id: ID!) { node(id: $id) { id } }', { id: caseID });
  assert.equal(before.node, null, 'the receiver reads the case before accepting');
  await receiver.page.goto(`${base}/transfers`);
  await receiver.page.getByRole('button', { name: 'Прийняти випадок' }).first().waitFor();
  assert.deepEqual(await axe(receiver.page), []);
  await shot(receiver.page, 'transfers-incoming');
  await receiver.page.getByRole('button', { name: 'Прийняти випадок' }).first().click();
  await receiver.page.getByText('Прийнято до громади: записи передано').waitFor();
  await receiver.page.goto(`${base}/cases/${caseID}`);
  await receiver.page.getByText('Оцінювання потреб сім\'ї/особи:').first().waitFor();
  await shot(receiver.page, 'transfers-case-at-receiver');

  const after = await gql(sender.context, 'query($id: ID!) { node(id: $id) { id } }', { id: caseID });
  assert.equal(after.node, null, 'the sender still reads the case it handed over');
  await sender.page.goto(`${base}/transfers`);
  await sender.page.getByRole('tab', { name: 'Надіслані запити' }).click();
  await sender.page.getByText('Прийнято', { exact: true }).first().waitFor();
});
