// Mocha's spec reporter, plus one plain closing line counted by mocha itself, for CI. When scripts/test.sh
// runs mocha twice (parallel files, then serial ones), WARP_TEST_COUNTS names a file each run appends its
// counts to, and test.sh prints the one line for both.
const fs = require("fs");
const Mocha = require("mocha");

class SpecWithCounts extends Mocha.reporters.Spec {
    constructor(runner, options) {
        super(runner, options);
        runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
            const { passes, failures, pending } = runner.stats;
            if (process.env.WARP_TEST_COUNTS) {
                fs.appendFileSync(process.env.WARP_TEST_COUNTS, `${passes} ${failures} ${pending}\n`);
                return;
            }
            process.stdout.write(`${passes} passed, ${failures} failed${pending ? `, ${pending} skipped` : ""}\n`);
        });
    }
}

module.exports = SpecWithCounts;
