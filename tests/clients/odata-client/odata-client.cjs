// @odata/client 2.21.10, used as its users would; no code generation, Node's global fetch.
// Run: node odata-client/odata-client.cjs http://127.0.0.1:PORT/odata
const { OData } = require('@odata/client');
const { startProxy, step, PAGING_FILTER } = require('../lib/steps.cjs');

(async () => {
  const root = await startProxy();
  // The client joins `${serviceEndpoint}${collection}` and `${serviceEndpoint}$batch`: the endpoint ends with '/'.
  const client = OData.New4({ serviceEndpoint: root + '/' });
  const referrals = client.getEntitySet('Referrals');
  const ethnicities = client.getEntitySet('Ethnicities');
  const referral = r => ({ ReferralId: r.ReferralId, EthnicityKey: r.EthnicityKey });

  await step('key', 'referrals.retrieve(42)', async () => referral(await referrals.retrieve(42)));

  await step('key-named', 'referrals.retrieve({ ReferralId: 42 })', async () => referral(await referrals.retrieve({ ReferralId: 42 })));

  // No navigation API: a path is given as the collection.
  await step('navigation', "client.newRequest({ collection: 'Referrals(42)/Ethnicity' })", async () => {
    const body = await client.newRequest({ collection: 'Referrals(42)/Ethnicity' });
    if (body.error) throw new Error(body.error.message);
    return { EthnicityKey: body.EthnicityKey, Code: body.Code };
  });

  await step('property', "client.newRequest({ collection: 'Ethnicities(3)/Code' })", async () => {
    const body = await client.newRequest({ collection: 'Ethnicities(3)/Code' });
    if (body.error) throw new Error(body.error.message);
    return body.value;
  });

  await step('filter-select-top', "referrals.query(newParam().filter('ReferralDateKey ge ..').select(['ReferralId', 'EthnicityKey']).top(3))", async () =>
    (await referrals.query(client.newParam().filter(PAGING_FILTER).select(['ReferralId', 'EthnicityKey']).top(3))).map(referral));

  // $top=1&$count=true, reading @odata.count.
  await step('count', "referrals.count(newFilter().property('ReferralDateKey').ge(..))", async () =>
    referrals.count(client.newFilter().property('ReferralDateKey').ge(20230901)));

  // EntitySet.query() returns the first page's rows only; newRequest() returns the body with its @odata.nextLink,
  // and requestUri() (private in the typings, the client's only way to request a URL as given) follows it.
  await step('paging', "client.newRequest({ collection: 'Referrals', params }), then client.requestUri(nextLink)", async () => {
    let body = await client.newRequest({ collection: 'Referrals', params: client.newParam().filter(PAGING_FILTER).select('ReferralId') });
    const ids = [];
    let pages = 1;
    for (;;) {
      if (body.error) throw new Error(body.error.message);
      ids.push(...body.value.map(r => Number(r.ReferralId)));
      if (!body['@odata.nextLink']) break;
      body = await client.requestUri(body['@odata.nextLink']);
      pages++;
    }
    return { rows: ids.length, distinct: new Set(ids).size, pages };
  });

  // The Transformation builder writes 'groupBy(' (not OData); the string form of apply() is the one that works.
  await step('apply', "referrals.query(newParam().apply('filter(..)/groupby((EthnicityKey),aggregate($count as N))'))", async () =>
    referrals.query(client.newParam().apply(`filter(${PAGING_FILTER})/groupby((EthnicityKey),aggregate($count as N))`)));

  await step('apply-select', "referrals.query(newParam().apply('groupby((EthnicityKey))').select('EthnicityKey'))", async () =>
    referrals.query(client.newParam().apply('groupby((EthnicityKey))').select('EthnicityKey')));

  // multipart/mixed, sent with the client's default Accept: application/json.
  const parts = () => [
    client.newBatchRequest({ collection: 'Referrals', id: 42, params: client.newParam().select('ReferralId,EthnicityKey') }),
    client.newBatchRequest({ collection: 'Ethnicities', params: client.newParam().select('Name').top(2) }),
    client.newBatchRequest({ collection: 'Referrals', id: { ReferralId: 42 } }),
  ];
  const read = async responses => Promise.all(responses.map(async r => {
    const body = await r.json();
    return { status: r.status, ReferralId: body.ReferralId, EthnicityKey: body.EthnicityKey, Names: body.value && body.value.map(e => e.Name) };
  }));

  await step('batch', 'client.execBatchRequests([Referrals 42, Ethnicities top 2, Referrals {ReferralId: 42}])', async () =>
    read(await client.execBatchRequests(parts())));

  await step('batch-json', 'client.execBatchRequestsJson([Referrals 42, Ethnicities top 2, Referrals {ReferralId: 42}])', async () =>
    read(await client.execBatchRequestsJson(parts())));
})();
