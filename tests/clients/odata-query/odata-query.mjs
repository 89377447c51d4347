// odata-query 8.1.0 builds the query part of URLs; the requests are Node's global fetch, as its users send them.
// Run: node odata-query/odata-query.mjs http://127.0.0.1:PORT/odata
import buildQuery from 'odata-query';
import steps from '../lib/steps.cjs';

const { startProxy, step, PAGING_FROM } = steps;
const root = await startProxy();
const filter = { ReferralDateKey: { ge: PAGING_FROM } };

/** GETs a URL (absolute, or below the service root); a JSON body parsed, any other as text. */
async function get(url) {
  const res = await fetch(url.startsWith('http') ? url : `${root}/${url}`);
  const text = await res.text();
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status}: ${text.slice(0, 300)}`), { status: res.status });
  return (res.headers.get('content-type') || '').startsWith('application/json') ? JSON.parse(text) : text;
}
const referral = r => ({ ReferralId: r.ReferralId, EthnicityKey: r.EthnicityKey });

await step('key', "'Referrals' + buildQuery({ key: 42 })", async () => referral(await get('Referrals' + buildQuery({ key: 42 }))));

await step('key-named', "'Referrals' + buildQuery({ key: { ReferralId: 42 } })", async () =>
  referral(await get('Referrals' + buildQuery({ key: { ReferralId: 42 } }))));

// The builder has no navigation or property paths: they are appended to the key it writes.
await step('navigation', "'Referrals' + buildQuery({ key: 42 }) + '/Ethnicity'", async () => {
  const e = await get('Referrals' + buildQuery({ key: 42 }) + '/Ethnicity');
  return { EthnicityKey: e.EthnicityKey, Code: e.Code };
});

await step('property', "'Ethnicities' + buildQuery({ key: 3 }) + '/Code'", async () =>
  (await get('Ethnicities' + buildQuery({ key: 3 }) + '/Code')).value);

await step('value', "'Ethnicities' + buildQuery({ key: 3 }) + '/Code/$value'", async () =>
  get('Ethnicities' + buildQuery({ key: 3 }) + '/Code/$value'));

await step('filter-select-top', "'Referrals' + buildQuery({ filter, select: ['ReferralId', 'EthnicityKey'], top: 3 })", async () =>
  (await get('Referrals' + buildQuery({ filter, select: ['ReferralId', 'EthnicityKey'], top: 3 }))).value.map(referral));

// { count: filter } writes the /$count path.
await step('count', "'Referrals' + buildQuery({ count: filter })", async () => Number(await get('Referrals' + buildQuery({ count: filter }))));

// The builder knows nothing of next links: each page's @odata.nextLink is fetched as given.
await step('paging', "'Referrals' + buildQuery({ filter, select: ['ReferralId'] }), then fetch(nextLink)", async () => {
  let body = await get('Referrals' + buildQuery({ filter, select: ['ReferralId'] }));
  const ids = [];
  let pages = 1;
  for (;;) {
    ids.push(...body.value.map(r => Number(r.ReferralId)));
    if (!body['@odata.nextLink']) break;
    body = await get(body['@odata.nextLink']);
    pages++;
  }
  return { rows: ids.length, distinct: new Set(ids).size, pages };
});

// transform: the builder's aggregations are sum, min, max, average and countdistinct (no "$count as N").
await step('apply', "'Referrals' + buildQuery({ transform: [{ filter }, { groupBy: { properties: ['EthnicityKey'], transform: { aggregate: { ReferralId: { with: 'countdistinct', as: 'N' } } } } }] })", async () =>
  (await get('Referrals' + buildQuery({
    transform: [
      { filter },
      { groupBy: { properties: ['EthnicityKey'], transform: { aggregate: { ReferralId: { with: 'countdistinct', as: 'N' } } } } },
    ],
  }))).value);

await step('apply-select', "'Referrals' + buildQuery({ transform: { groupBy: { properties: ['EthnicityKey'] } }, select: ['EthnicityKey'] })", async () =>
  (await get('Referrals' + buildQuery({ transform: { groupBy: { properties: ['EthnicityKey'] } }, select: ['EthnicityKey'] }))).value);
