// `npm run test:unit`: every test file but the slow ones (scripts/test-files.js), two files at a time.
const base = require("./.mocharc.json");
const { SERIAL, HEAVY } = require("./scripts/test-files.js");

module.exports = { ...base, ignore: [...SERIAL, ...HEAVY], parallel: true, jobs: 2 };
