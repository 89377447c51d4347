// odata2ts 0.34: a service generated from the running feed's own $metadata, over odata-service 0.18.1 and the
// fetch client 0.6.2, used as its users would.
// Run: node odata2ts/odata2ts.cjs http://127.0.0.1:PORT/odata
const { execFile } = require('node:child_process');
const { promisify } = require('node:util');
const fs = require('node:fs');
const path = require('node:path');
const { startProxy, step, PAGING_FROM } = require('../lib/steps.cjs');

const work = path.join(__dirname, 'generated');

(async () => {
  const root = await startProxy();

  // Nothing else can run without the generated code.
  const generated = await step('generate', 'odata2ts (sourceUrl: the feed, mode all, emitMode js)', async () => {
    fs.rmSync(work, { recursive: true, force: true });
    const cli = path.join(path.dirname(require.resolve('@odata2ts/odata2ts/package.json')), 'lib', 'run-cli.js');
    try {
      await promisify(execFile)(process.execPath, [cli], { cwd: __dirname, env: { ...process.env, ODATA2TS_SOURCE_URL: root } });
    } catch (e) {
      throw new Error(`odata2ts exited ${e.code}: ${String(e.stdout).slice(-600)} ${String(e.stderr).slice(-600)}`);
    }
    const { WarehouseService } = require(path.join(work, 'client', 'WarehouseService'));
    return { apis: Object.getOwnPropertyNames(WarehouseService.prototype).filter(n => n !== 'constructor').sort() };
  });

  if (!generated.ok) return;

  const { FetchClient } = require('@odata2ts/http-client-fetch');
  const { WarehouseService } = require(path.join(work, 'client', 'WarehouseService'));
  const client = new FetchClient(); // Node's global fetch
  const svc = new WarehouseService(client, root);

  await step('key', 'svc.Referrals(42).query()', async () => {
    const { data } = await svc.Referrals(42).query();
    return { ReferralId: data.ReferralId, EthnicityKey: data.EthnicityKey };
  });

  await step('key-named', "svc.Referrals({ ReferralId: 42 }).query(b => b.select('ReferralId', 'EthnicityKey'))", async () => {
    const { data } = await svc.Referrals({ ReferralId: 42 }).query(b => b.select('ReferralId', 'EthnicityKey'));
    return { ReferralId: data.ReferralId, EthnicityKey: data.EthnicityKey };
  });

  await step('navigation', 'svc.Referrals(42).Ethnicity().query()', async () => {
    const { data } = await svc.Referrals(42).Ethnicity().query();
    return { EthnicityKey: data.EthnicityKey, Code: data.Code };
  });

  // A primitive property service (enablePrimitivePropertyServices); odata2ts has no $value request.
  await step('property', 'svc.Ethnicities(3).Code().getValue()', async () =>
    (await svc.Ethnicities(3).Code().getValue()).data.value);

  await step('filter-select-top', "svc.Referrals().query((b, q) => b.filter(q.ReferralDateKey.ge(..)).select('ReferralId', 'EthnicityKey').top(3))", async () =>
    (await svc.Referrals().query((b, q) => b.filter(q.ReferralDateKey.ge(PAGING_FROM)).select('ReferralId', 'EthnicityKey').top(3)))
      .data.value.map(r => ({ ReferralId: r.ReferralId, EthnicityKey: r.EthnicityKey })));

  // No /$count request: $count=true with $top=0.
  await step('count', 'svc.Referrals().query((b, q) => b.filter(..).count().top(0))', async () =>
    (await svc.Referrals().query((b, q) => b.filter(q.ReferralDateKey.ge(PAGING_FROM)).count().top(0))).data['@odata.count']);

  // query() returns one page with its @odata.nextLink; the same HTTP client follows it.
  await step('paging', "svc.Referrals().query(filter, select('ReferralId')), then client.get(nextLink)", async () => {
    let { data } = await svc.Referrals().query((b, q) => b.filter(q.ReferralDateKey.ge(PAGING_FROM)).select('ReferralId'));
    const ids = [];
    let pages = 1;
    for (;;) {
      ids.push(...data.value.map(r => Number(r.ReferralId)));
      if (!data['@odata.nextLink']) break;
      ({ data } = await client.get(data['@odata.nextLink']));
      pages++;
    }
    return { rows: ids.length, distinct: new Set(ids).size, pages };
  });

  await step('apply', "svc.Referrals().query(b => b.groupBy('EthnicityKey'))", async () =>
    (await svc.Referrals().query(b => b.groupBy('EthnicityKey'))).data.value);

  // With a selection, the builder sends $select beside $apply (and before it in the query string).
  await step('apply-select', "svc.Referrals().query(b => b.select('EthnicityKey').groupBy('EthnicityKey'))", async () =>
    (await svc.Referrals().query(b => b.select('EthnicityKey').groupBy('EthnicityKey'))).data.value);
})();
