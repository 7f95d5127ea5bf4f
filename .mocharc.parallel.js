// `npm test`'s first mocha run: every test file but those that must run one after another
// (scripts/test-files.js), two files at a time; scripts/test.sh then runs those in one process.
const base = require("./.mocharc.json");
const { SERIAL } = require("./scripts/test-files.js");

module.exports = { ...base, ignore: SERIAL, parallel: true, jobs: 2 };
