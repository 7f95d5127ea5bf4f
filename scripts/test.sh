#!/usr/bin/env bash
# The project's test command (`npm test`): install moto for the real-endpoint tests and Chromium for the report's, type-check everything once, lint, check the format and look for
# unused exports, rebuild the policy pack bundle, then run mocha, which loads TypeScript transpile-only.
# Extra arguments go to one mocha run (for example a single spec file); without them every file runs:
# two at a time, then the serial ones (scripts/test-files.js). A failing step before mocha prints the
# plain summary line CI reads, with that step counted as the one failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/step.sh
source scripts/step.sh
# The tests against a real IAM endpoint need moto and the AWS CLI in .venv-moto/ (from PyPI; a no-op once there).
step "installing moto and the AWS CLI (scripts/install-moto.sh)" bash scripts/install-moto.sh
# The HTML report's tests open it in headless Chromium (Debian's package; a no-op once installed).
step "installing chromium (scripts/install-chromium.sh)" bash scripts/install-chromium.sh
step "type check" npx --no-install tsc --noEmit -p .
step "lint (eslint)" npx --no-install eslint --max-warnings 0 .
step "format check (prettier)" npx --no-install prettier --check --log-level warn "**/*.{ts,json,yaml,yml}"
step "unused exports and dependencies (knip)" npx --no-install knip --no-progress
# The policy pack runs as the JavaScript bundle in policy-pack/bin/: rebuild it from the sources under test.
step "policy pack build" node scripts/build-policy-pack.js
export TS_NODE_PROJECT=tsconfig.json
if [ "$#" -gt 0 ]; then
    # Files: one mocha run of just those files; other mocha arguments (--grep ...): one run of the whole suite.
    for arg in "$@"; do
        if [[ "$arg" == *.ts ]]; then
            exec npx --no-install mocha --config .mocharc.files.js "$@"
        fi
    done
    exec npx --no-install mocha "$@"
fi
# Every file: the independent ones two at a time, then those that must run one after another
# (scripts/test-files.js) in one process; one summary line for both runs.
counts="$(mktemp)"
trap 'rm -f "$counts"' EXIT
status=0
WARP_TEST_COUNTS="$counts" npx --no-install mocha --config .mocharc.parallel.js || status=1
WARP_TEST_COUNTS="$counts" npx --no-install mocha --config .mocharc.serial.js || status=1
awk '{ p += $1; f += $2; s += $3 } END { printf "%d passed, %d failed%s\n", p, f, (s ? sprintf(", %d skipped", s) : "") }' "$counts"
if [ "$(wc -l <"$counts")" -ne 2 ]; then
    echo "a mocha run ended without its counts"
    status=1
fi
exit "$status"
