// The situation picture form's recipients (issue 13) in a real browser against a real server
// on a fresh database with the demo data, at a laptop's size and a phone's. Nothing is offered
// before a classification is chosen; an open or a council picture offers the councils and
// networks the author's organisation sits in, a restricted one the organisations that sit there
// with it (advisory bodies left out), exactly as the API answers them; an organisation outside
// them is never offered, and the API refuses it where the offered ones are taken.
import assert from 'node:assert/strict';

import { base, check, gql, journey, raw, signedIn, startServer, token } from './support.mjs';

startServer('picture-form');

const ANALYST = 'analytiker@gavle.example';
const ADVISORY = ['YOUTH_COUNCIL', 'ADVISORY_COUNCIL', 'STUDENT_FORUM'];

/**
 * What the API says the analyst may share with: the councils and networks its organisation
 * sits in, and the organisations that sit there with it (no advisory body); and every
 * organisation of the directory outside them.
 */
async function recipients(as) {
  const data = await gql(
    `{ me { affiliations { organisation { id } } }
       councils(first: 50) { edges { node { name memberships { organisation { id name kind } } } } }
       organisations(first: 100) { edges { node { id name } } } }`,
    {},
    as,
  );
  const authors = data.me.affiliations.map((a) => a.organisation.id);
  const councils = data.councils.edges
    .map((e) => e.node)
    .filter((c) => c.memberships.some((m) => authors.includes(m.organisation.id)));
  const partners = new Map(
    councils
      .flatMap((c) => c.memberships.map((m) => m.organisation))
      .filter((o) => !authors.includes(o.id) && !ADVISORY.includes(o.kind))
      .map((o) => [o.name, o.id]),
  );
  const outside = data.organisations.edges
    .map((e) => e.node)
    .filter((o) => !partners.has(o.name) && !authors.includes(o.id));
  return { councils: councils.map((c) => c.name).sort(), partners, outside };
}

/** The names of the checkboxes offered in the group (fieldset) named `name`; none when it is not shown. */
async function offered(page, name) {
  const boxes = page.getByRole('group', { name, exact: true }).getByRole('checkbox');
  return (await boxes.evaluateAll((inputs) => inputs.map((i) => i.labels[0].textContent.trim()))).sort();
}

journey('the picture form offers what the classification takes, from the author’s own councils', async (viewport) => {
  const as = await token(ANALYST);
  const { councils, partners, outside } = await recipients(as);
  assert.ok(councils.length > 0 && partners.size > 0, 'the analyst has councils and partners');
  assert.ok(
    outside.some((o) => o.name === 'Polisregion Väst'),
    'an organisation outside the analyst’s councils',
  );

  const page = await signedIn(ANALYST, viewport);
  await page.goto(`${base}/lagesbilder`);
  await page.getByRole('heading', { name: 'Ny lägesbild' }).waitFor();
  const COUNCILS = 'Råd och nätverk att dela med';
  const ORGANISATIONS = 'Organisationer att dela med (vid begränsad)';
  const noneOutside = async () => {
    for (const o of outside) {
      assert.equal(await page.getByRole('checkbox', { name: o.name, exact: true }).count(), 0, `${o.name} is offered`);
    }
  };

  // Before a classification is chosen (none is), no recipient is offered.
  assert.equal(await page.locator('input[name="classification"]:checked').count(), 0);
  assert.deepEqual(await offered(page, COUNCILS), []);
  assert.deepEqual(await offered(page, ORGANISATIONS), []);
  await noneOutside();
  await page.getByText('Välj först vilka som får läsa lägesbilden, så visas vilka du kan dela den med.').waitFor();

  // Open and council pictures go to councils and networks: the author's own.
  for (const classification of ['Alla parter i valda råd och nätverk', 'Medlemmarna i valda råd']) {
    await page.getByLabel(classification).check();
    await page.getByRole('group', { name: COUNCILS, exact: true }).waitFor();
    assert.deepEqual(await offered(page, COUNCILS), councils, classification);
    assert.deepEqual(await offered(page, ORGANISATIONS), [], classification);
    await noneOutside();
  }

  // A restricted picture goes to named organisations: those that sit with the author.
  await page.getByLabel('Endast namngivna organisationer (begränsad)').check();
  await page.getByRole('group', { name: ORGANISATIONS, exact: true }).waitFor();
  assert.deepEqual(await offered(page, ORGANISATIONS), [...partners.keys()].sort());
  assert.deepEqual(await offered(page, COUNCILS), []);
  await noneOutside();
  await check(page, 'picture-form-restricted');

  // The API takes every organisation offered for a restricted picture, and refuses one outside.
  const draft = (organisationIds) =>
    raw(
      'mutation($input: CreateSituationPictureInput!) { createSituationPicture(input: $input) { recipients { name } } }',
      {
        input: {
          area: `Mottagare ${viewport.width}`,
          periodStart: '2026-11-02',
          periodEnd: '2026-11-08',
          classification: 'RESTRICTED',
          summary: '',
          organisationIds,
        },
      },
      as,
    );
  const taken = await draft([...partners.values()]);
  assert.equal(taken.errors, undefined, JSON.stringify(taken.errors));
  assert.deepEqual(taken.data.createSituationPicture.recipients.map((o) => o.name).sort(), [...partners.keys()].sort());
  const police = outside.find((o) => o.name === 'Polisregion Väst');
  const refused = await draft([police.id]);
  assert.equal(refused.errors?.[0]?.extensions?.code, 'NOT_FOUND');
  await page.context().close();
});
