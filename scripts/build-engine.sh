#!/usr/bin/env bash
# Builds what `npm run test:engine` runs into .engine-bin/ (git-ignored), once: the Pulumi CLI v3.106.0
# and the Node.js and Python language hosts from github.com/pulumi/pulumi/sdk/v3 v3.68.0 (a pair that
# runs Node policy packs; docs/engine.md says why they are pinned), the CLI module's own Python SDK
# generator, the test-only stand-in aws plugin (engine/plugins/aws), the two-line pulumi-analyzer-policy
# launcher, and a Python virtual environment with examples/python/requirements.txt.
# Go code comes from the Go module proxy (go.mod/go.sum in engine/ pin it), Python packages from PyPI.
# A binary whose module files and sources are unchanged since it was built is left alone, so a second
# run does nothing. A cold build takes about 10 CPU minutes and 2 GB of Go caches (~/go/pkg/mod,
# ~/.cache/go-build), which can be deleted afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.engine-bin
mkdir -p "$BIN/plugins"
export GOFLAGS="${GOFLAGS:--buildvcs=false}"

# stamp FILE...: a digest of the given files' contents and of the build flags.
stamp() { cat "$@" | sha256sum | cut -d' ' -f1; }

# build OUT MODULE-DIR PACKAGE [go build flags...]: go build PACKAGE in MODULE-DIR unless OUT is up to date.
build() {
    local out="$1" dir="$2" pkg="$3"
    shift 3
    local sum
    sum="$(stamp "$dir/go.mod" "$dir/go.sum" $(find "$dir" -name '*.go' | sort)) $*"
    if [[ -x "$out" && -f "$out.stamp" && "$(cat "$out.stamp")" == "$sum" ]]; then
        return 0
    fi
    echo "building $out ($pkg)"
    (cd "$dir" && go build "$@" -o "$OLDPWD/$out" "$pkg")
    echo "$sum" >"$out.stamp"
}

# v3.106.0 reaches into the Go runtime by linkname, which Go 1.23+ refuses unless told not to check.
build "$BIN/pulumi" engine/cli github.com/pulumi/pulumi/pkg/v3/cmd/pulumi -ldflags=-checklinkname=0
build "$BIN/gen-python-sdk" engine/cli ./gen-python-sdk -ldflags=-checklinkname=0
build "$BIN/pulumi-language-nodejs" engine/plugins github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs
build "$BIN/pulumi-language-python" engine/plugins github.com/pulumi/pulumi/sdk/v3/python/cmd/pulumi-language-python
# Outside PATH, so the engine takes it from the Pulumi home the tests install it into, as the aws plugin.
build "$BIN/plugins/pulumi-resource-aws" engine/plugins ./aws

# The Python host runs this script of the same sdk (no pip package ships it).
cp "$(cd engine/plugins && go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)/python/cmd/pulumi-language-python-exec" "$BIN/"
chmod 755 "$BIN/pulumi-language-python-exec"

# The engine starts a Node policy pack through pulumi-analyzer-policy in the pack's folder, as Pulumi's own
# launcher did: @pulumi/pulumi's run-policy-pack, resolved from that folder.
cat >"$BIN/pulumi-analyzer-policy" <<'LAUNCHER'
#!/bin/sh
exec node "$(node -p 'require.resolve("@pulumi/pulumi/cmd/run-policy-pack")')" "$@"
LAUNCHER
chmod 755 "$BIN/pulumi-analyzer-policy"

# The Python example's own requirements; the tests add the SDK they generate.
VENV="$BIN/python-venv"
sum="$(stamp examples/python/requirements.txt)"
if [[ ! -x "$VENV/bin/python" || ! -f "$VENV/.stamp" || "$(cat "$VENV/.stamp")" != "$sum" ]]; then
    rm -rf "$VENV"
    "${PYTHON:-python3}" -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r examples/python/requirements.txt
    echo "$sum" >"$VENV/.stamp"
fi
echo "engine binaries are in $BIN"
