// SAP Cloud SDK 4.5.1: a typed client generated from the running feed's own $metadata, then used as its users would.
// Run: node sap/sap.cjs http://127.0.0.1:PORT/odata
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');
const { startProxy, step, PAGING_FILTER, PAGING_FROM } = require('../lib/steps.cjs');

const work = path.join(__dirname, 'generated');

(async () => {
  const root = await startProxy();
  // The SDK's destination is the server's origin; the service's path comes from the generated basePath.
  const destination = { url: new URL(root).origin };

  // Nothing else can run without the generated code.
  const generated = await step('generate', 'generate-odata-client --transpile from $metadata', async () => {
    const metadata = await fetch(`${root}/$metadata`);
    if (!metadata.ok) throw Object.assign(new Error(`$metadata: HTTP ${metadata.status}`), { status: metadata.status });
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(path.join(work, 'edmx'), { recursive: true });
    fs.writeFileSync(path.join(work, 'edmx', 'Warehouse.edmx'), await metadata.text());
    // basePath: the generator cannot tell where the service lives, and without it the SDK writes $batch parts
    // as "/Referrals(...)", outside the service root. Every user of the SDK sets it for their service.
    fs.writeFileSync(path.join(work, 'options-per-service.json'), JSON.stringify({
      'edmx/Warehouse.edmx': { packageName: 'warehouse', directoryName: 'Warehouse', basePath: new URL(root).pathname },
    }));
    const cli = require.resolve('@sap-cloud-sdk/generator/dist/cli.js');
    try {
      await promisify(execFile)(process.execPath, [cli, '-i', 'edmx', '-o', 'client', '--optionsPerService', 'options-per-service.json', '--transpile'],
        { cwd: work });
    } catch (e) {
      throw new Error(`generator exited ${e.code}: ${String(e.stdout).slice(-600)} ${String(e.stderr).slice(-600)}`);
    }
    const { warehouse } = require(path.join(work, 'client', 'Warehouse'));
    // The service object has a getter per entity set's API.
    const getters = Object.entries(Object.getOwnPropertyDescriptors(Object.getPrototypeOf(warehouse())));
    return { apis: getters.filter(([name, d]) => d.get && name.endsWith('Api')).map(([name]) => name).sort() };
  });

  if (!generated.ok) return;

  const { BigNumber } = require('bignumber.js');
  const { executeHttpRequest } = require('@sap-cloud-sdk/http-client');
  const { warehouse } = require(path.join(work, 'client', 'Warehouse'));
  const { referralsApi, ethnicitiesApi, batch } = warehouse();
  const R = referralsApi.schema;
  const E = ethnicitiesApi.schema;
  const referral = r => ({ ReferralId: Number(r.referralId), EthnicityKey: r.ethnicityKey });

  // The SDK writes every key by name, and Int64 values with the 'L' suffix: Referrals(ReferralId=42L).
  await step('key', 'referralsApi.requestBuilder().getByKey(new BigNumber(42)).execute()', async () =>
    referral(await referralsApi.requestBuilder().getByKey(new BigNumber(42)).execute(destination)));

  await step('key-expand', 'getByKey(42).select(REFERRAL_ID).expand(ETHNICITY.select(NAME)).execute()', async () => {
    const r = await referralsApi.requestBuilder().getByKey(new BigNumber(42))
      .select(R.REFERRAL_ID).expand(R.ETHNICITY.select(E.NAME)).execute(destination);
    return { ReferralId: Number(r.referralId), Ethnicity: r.ethnicity && { Name: r.ethnicity.name } };
  });

  // The SDK's way to a related entity or a property by path is appendPath on a key request.
  await step('navigation', "getByKey(42).appendPath('/Ethnicity').executeRaw()", async () => {
    const { data } = await referralsApi.requestBuilder().getByKey(new BigNumber(42)).appendPath('/Ethnicity').executeRaw(destination);
    return { EthnicityKey: data.EthnicityKey, Code: data.Code };
  });

  await step('property', "ethnicitiesApi getByKey(3).appendPath('/Code').executeRaw()", async () =>
    (await ethnicitiesApi.requestBuilder().getByKey(3).appendPath('/Code').executeRaw(destination)).data.value);

  await step('value', "ethnicitiesApi getByKey(3).appendPath('/Code/$value').executeRaw()", async () =>
    (await ethnicitiesApi.requestBuilder().getByKey(3).appendPath('/Code/$value').executeRaw(destination)).data);

  await step('filter-select-top', 'getAll().filter(REFERRAL_DATE_KEY.greaterOrEqual(..)).select(REFERRAL_ID, ETHNICITY_KEY).top(3)', async () =>
    (await referralsApi.requestBuilder().getAll()
      .filter(R.REFERRAL_DATE_KEY.greaterOrEqual(PAGING_FROM)).select(R.REFERRAL_ID, R.ETHNICITY_KEY).top(3)
      .execute(destination)).map(referral));

  await step('count', 'getAll().filter(..).count().execute()', async () =>
    Number(await referralsApi.requestBuilder().getAll().filter(R.REFERRAL_DATE_KEY.greaterOrEqual(PAGING_FROM)).count().execute(destination)));

  // getAll().execute() returns the first page only; executeRaw gives the body with its @odata.nextLink, and the
  // SDK's generic HTTP client follows it.
  await step('paging', 'getAll().filter(..).select(REFERRAL_ID).executeRaw(), then executeHttpRequest(nextLink)', async () => {
    const ids = [];
    let body = (await referralsApi.requestBuilder().getAll()
      .filter(R.REFERRAL_DATE_KEY.greaterOrEqual(PAGING_FROM)).select(R.REFERRAL_ID).executeRaw(destination)).data;
    let pages = 1;
    for (;;) {
      ids.push(...body.value.map(r => Number(r.ReferralId)));
      const next = body['@odata.nextLink'];
      if (!next) break;
      const url = new URL(next);
      body = (await executeHttpRequest(destination, { method: 'get', url: url.pathname + url.search })).data;
      pages++;
    }
    return { rows: ids.length, distinct: new Set(ids).size, pages };
  });

  // No $apply API: a custom query parameter, whose value the SDK sends as given (so it is encoded here).
  await step('apply', 'getAll().addCustomQueryParameters({ $apply }).executeRaw()', async () =>
    (await referralsApi.requestBuilder().getAll()
      .addCustomQueryParameters({ $apply: encodeURIComponent(`filter(${PAGING_FILTER})/groupby((EthnicityKey),aggregate($count as N))`) })
      .executeRaw(destination)).data.value);

  await step('apply-select', 'getAll().select(ETHNICITY_KEY).addCustomQueryParameters({ $apply: groupby }).executeRaw()', async () =>
    (await referralsApi.requestBuilder().getAll().select(R.ETHNICITY_KEY)
      .addCustomQueryParameters({ $apply: encodeURIComponent('groupby((EthnicityKey))') })
      .executeRaw(destination)).data.value);

  // multipart/mixed, parts addressed below the basePath, the key part by name: GET /odata/Referrals(ReferralId=42L).
  await step('batch', 'batch(getByKey(42), ethnicities getAll().select(NAME).top(2)).execute()', async () => {
    const responses = await batch(
      referralsApi.requestBuilder().getByKey(new BigNumber(42)),
      ethnicitiesApi.requestBuilder().getAll().select(E.NAME).top(2),
    ).execute(destination);
    // v4 parts are read with as(api): the SDK looks for v2's __metadata to tell their type, and logs that it found none.
    return responses.map((r, i) => {
      if (!r.isSuccess()) return { status: r.httpCode, body: r.body };
      return i === 0
        ? { status: r.httpCode, ...referral(r.as(referralsApi)[0]) }
        : { status: r.httpCode, Names: r.as(ethnicitiesApi).map(e => e.name) };
    });
  });
})();
