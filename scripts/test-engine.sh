#!/usr/bin/env bash
# The engine suite (`npm run test:engine`): builds the Pulumi CLI, language hosts and the stand-in aws
# plugin into .engine-bin/ once (scripts/build-engine.sh), installs moto (scripts/install-moto.sh),
# rebuilds the policy pack's bundle, then runs tests-engine/ through the real CLI. Ends with the plain
# `N passed, N failed` line; a failing step before mocha counts as the one failure.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/step.sh
source scripts/step.sh
step "building the engine (scripts/build-engine.sh)" bash scripts/build-engine.sh
step "installing moto and the AWS CLI (scripts/install-moto.sh)" bash scripts/install-moto.sh
step "the stand-in aws plugin's Go tests" bash -c "cd engine/plugins && go test ./aws"
step "policy pack build" node scripts/build-policy-pack.js
TS_NODE_PROJECT=tsconfig.json npx --no-install mocha --config tests-engine/.mocharc.json "$@"
