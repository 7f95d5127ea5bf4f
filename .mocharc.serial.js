// `npm test`'s second mocha run: only the files that must run one after another (scripts/test-files.js),
// in one process. The spec is replaced, not added to: mocha appends files given on its command line to a
// config's spec, which would run the whole suite again.
const base = require("./.mocharc.json");
const { SERIAL } = require("./scripts/test-files.js");

module.exports = { ...base, spec: SERIAL };
