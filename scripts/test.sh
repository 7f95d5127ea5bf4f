#!/usr/bin/env bash
# The project's test command (`npm test`): type-check everything once, then run mocha, which loads
# TypeScript transpile-only. Extra arguments go to mocha (for example a single spec file).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! npx --no-install tsc --noEmit -p .; then
    echo "type check failed"
    echo "0 passed, 1 failed"
    exit 1
fi
# The policy pack runs as the JavaScript bundle in policy-pack/bin/: rebuild it from the sources under test.
if ! node scripts/build-policy-pack.js; then
    echo "policy pack build failed"
    echo "0 passed, 1 failed"
    exit 1
fi
TS_NODE_PROJECT=tsconfig.json npx --no-install mocha "$@"
