// o.js 2.0.0 with its default configuration; resources are paths as the user writes them, Node's global fetch.
// Run: node ojs/ojs.cjs http://127.0.0.1:PORT/odata
const { o } = require('o.js');
const { startProxy, step, PAGING_FILTER } = require('../lib/steps.cjs');

(async () => {
  const root = await startProxy();
  // Resources resolve against the root as URLs do: without the trailing '/', 'odata' itself would be replaced.
  const oh = () => o(root + '/');
  const referral = r => ({ ReferralId: r.ReferralId, EthnicityKey: r.EthnicityKey });

  await step('key', "o(root).get('Referrals(42)').query()", async () => referral(await oh().get('Referrals(42)').query()));

  await step('key-named', "o(root).get('Referrals(ReferralId=42)').query()", async () =>
    referral(await oh().get('Referrals(ReferralId=42)').query()));

  await step('navigation', "o(root).get('Referrals(42)/Ethnicity').query()", async () => {
    const e = await oh().get('Referrals(42)/Ethnicity').query();
    return { EthnicityKey: e.EthnicityKey, Code: e.Code };
  });

  // query() returns the body's "value", which is the property's value.
  await step('property', "o(root).get('Ethnicities(3)/Code').query()", async () => oh().get('Ethnicities(3)/Code').query());

  // A raw value is not JSON: fetch() gives the response itself.
  await step('value', "o(root).get('Ethnicities(3)/Code/$value').fetch()", async () => {
    const res = await oh().get('Ethnicities(3)/Code/$value').fetch();
    if (!res.ok) throw res;
    return res.text();
  });

  await step('filter-select-top', "o(root).get('Referrals').query({ $filter, $select: 'ReferralId,EthnicityKey', $top: 3 })", async () =>
    (await oh().get('Referrals').query({ $filter: PAGING_FILTER, $select: 'ReferralId,EthnicityKey', $top: 3 })).map(referral));

  await step('count', "o(root).get('Referrals/$count').query({ $filter })", async () =>
    Number(await oh().get('Referrals/$count').query({ $filter: PAGING_FILTER })));

  // query() returns the first page's rows; fetch() gives the body with its @odata.nextLink, and o(nextLink) follows it.
  await step('paging', "o(root).get('Referrals').fetch({ $filter, $select }), then o(nextLink).get().fetch()", async () => {
    let res = await oh().get('Referrals').fetch({ $filter: PAGING_FILTER, $select: 'ReferralId' });
    const ids = [];
    let pages = 1;
    for (;;) {
      if (!res.ok) throw res;
      const body = await res.json();
      ids.push(...body.value.map(r => Number(r.ReferralId)));
      if (!body['@odata.nextLink']) break;
      res = await o(body['@odata.nextLink']).get().fetch();
      pages++;
    }
    return { rows: ids.length, distinct: new Set(ids).size, pages };
  });

  await step('apply', "o(root).get('Referrals').query({ $apply: 'filter(..)/groupby((EthnicityKey),aggregate($count as N))' })", async () =>
    oh().get('Referrals').query({ $apply: `filter(${PAGING_FILTER})/groupby((EthnicityKey),aggregate($count as N))` }));

  // Query options go out in the order given: here $select after $apply.
  await step('apply-select', "o(root).get('Referrals').query({ $apply: 'groupby((EthnicityKey))', $select: 'EthnicityKey' })", async () =>
    oh().get('Referrals').query({ $apply: 'groupby((EthnicityKey))', $select: 'EthnicityKey' }));

  // multipart/mixed with absolute part URLs and Content-IDs 1..n (the defaults).
  await step('batch', "o(root).get('Referrals(42)').get('Ethnicities(1)').get('Referrals(ReferralId=42)').batch()", async () =>
    (await oh().get('Referrals(42)').get('Ethnicities(1)').get('Referrals(ReferralId=42)').batch())
      .map(p => ({ contentId: p.contentId, status: p.status, ReferralId: p.body && p.body.ReferralId, EthnicityKey: p.body && p.body.EthnicityKey })));
})();
