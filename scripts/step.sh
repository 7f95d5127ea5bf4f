# Sourced by scripts/test.sh and scripts/test-engine.sh: `step NAME COMMAND...` runs a setup step; when
# it fails, prints which one and the plain summary line CI reads (that step counted as the one failure),
# and exits 1.
step() {
    local name="$1"
    shift
    if ! "$@"; then
        echo "$name failed"
        echo "0 passed, 1 failed"
        exit 1
    fi
}
