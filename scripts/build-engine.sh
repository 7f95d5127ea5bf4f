#!/usr/bin/env bash
# Builds what `npm run test:engine` runs into .engine-bin/ (git-ignored), once: the Pulumi CLI v3.106.0
# and the Node.js language host from github.com/pulumi/pulumi/sdk/v3 v3.68.0 (a pair that runs Node
# policy packs; docs/engine.md says why they are pinned), the newer CLI v3.276.0 that infers the
# component's schema and generates the Python SDK, the Python language host from the same sdk v3.68.0,
# the test-only stand-in aws plugin (engine/plugins/aws) and the two-line pulumi-analyzer-policy launcher.
# Everything comes from the Go module proxy (go.mod/go.sum in engine/ pin it). A binary whose module
# files and sources are unchanged since it was built is left alone, so a second run does nothing.
# A cold build takes about 20 CPU minutes and 3.5 GB of Go caches (~/go/pkg/mod, ~/.cache/go-build),
# which can be deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.engine-bin
mkdir -p "$BIN/schema" "$BIN/plugins"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

# build OUT MODULE-DIR PACKAGE [go build flags...]: go build PACKAGE in MODULE-DIR unless OUT is up to date.
build() {
    local out="$1" dir="$2" pkg="$3"
    shift 3
    local stamp="$out.stamp" sum
    sum="$(cat "$dir/go.mod" "$dir/go.sum" $(find "$dir" -name '*.go' | sort) | sha256sum | cut -d' ' -f1) $*"
    if [[ -x "$out" && -f "$stamp" && "$(cat "$stamp")" == "$sum" ]]; then
        return 0
    fi
    echo "building $out ($pkg)"
    (cd "$dir" && go build "$@" -o "$OLDPWD/$out" "$pkg")
    echo "$sum" >"$stamp"
}

# v3.106.0 reaches into the Go runtime by linkname, which Go 1.23+ refuses unless told not to check.
build "$BIN/pulumi" engine/cli github.com/pulumi/pulumi/pkg/v3/cmd/pulumi -ldflags=-checklinkname=0
build "$BIN/pulumi-language-nodejs" engine/plugins github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
build "$BIN/pulumi-language-python" engine/plugins github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python
# Outside PATH, so the engine takes it from the Pulumi home the tests install it into, as the aws plugin.
build "$BIN/plugins/pulumi-resource-aws" engine/plugins ./aws
build "$BIN/schema/pulumi" engine/cli-schema github.com/pulumi/pulumi/pkg/v3/cmd/pulumi

# The Python host runs this script of the same sdk (it is not part of any pip package).
cp "$(cd engine/plugins && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)/python/cmd/pulumi-language-python-exec" "$BIN/"
chmod +x "$BIN/pulumi-language-python-exec"

# The engine starts a Node policy pack through pulumi-analyzer-policy in the pack's folder, as Pulumi's own
# launcher did: @pulumi/pulumi's run-policy-pack, resolved from that folder.
cat >"$BIN/pulumi-analyzer-policy" <<'LAUNCHER'
#!/bin/sh
exec node "$(node -p 'require.resolve("@pulumi/pulumi/cmd/run-policy-pack")')" "$@"
LAUNCHER
chmod +x "$BIN/pulumi-analyzer-policy"
echo "engine binaries are in $BIN: $("$BIN/pulumi" version), schema CLI $("$BIN/schema/pulumi" version)"
