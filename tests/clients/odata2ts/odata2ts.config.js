// odata2ts reads its configuration from this file in the folder it runs in (odata2ts.cjs runs it here).
// The metadata comes from the running feed (sourceUrl, downloaded afresh each run), never from a stored copy.
const { Modes, EmitModes } = require('@odata2ts/odata2ts');

module.exports = {
  mode: Modes.all, // models, query objects and the service; the enum's number, as the string "all" is ignored
  emitMode: EmitModes.js, // compiled to CommonJS with ./tsconfig.json, so node runs it as it is
  services: {
    warehouse: {
      sourceUrl: process.env.ODATA2TS_SOURCE_URL,
      refreshFile: true,
      source: 'generated/metadata/warehouse.xml',
      output: 'generated/client',
      serviceName: 'Warehouse',
      // Referrals(42).EthnicityKey(): a service per primitive property, for reading a property on its own.
      enablePrimitivePropertyServices: true,
    },
  },
};
