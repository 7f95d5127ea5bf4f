// `npm test -- FILE...`: only the files given (mocha appends command-line files to a config's spec, so
// this config has none).
const { spec: _all, ...base } = require("./.mocharc.json");

module.exports = base;
