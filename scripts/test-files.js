// The one list of the slow test files. `npm run test:unit` (the edit loop, under a minute) leaves out both
// lists; `npm test` runs every file: all but SERIAL two at a time (mocha --parallel), then SERIAL one after
// another in one process.
//
// SERIAL: against moto (html-report also drives Chromium) (a real IAM endpoint: one moto server shared by the files, tests/support/moto.ts),
// `npm pack` and consumer installs, and the pack's bundle rebuilt in place (which the other files read).
const SERIAL = [
    "tests/account-live-moto.test.ts",
    "tests/aws-cli-moto.test.ts",
    "tests/html-report.test.ts",
    "tests/organization-moto.test.ts",
    "tests/package.test.ts",
    "tests/policy-pack-bundle.test.ts",
];

// HEAVY: independent but CPU-bound for tens of seconds each (2,000 random policies against the simulator,
// the component plugin booted over gRPC).
const HEAVY = ["tests/permissions-differential.test.ts", "tests/trust-differential.test.ts", "tests/schema.test.ts"];

module.exports = { SERIAL, HEAVY };
