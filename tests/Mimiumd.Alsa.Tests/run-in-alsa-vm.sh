#!/usr/bin/env bash
# Runs this project's tests (including the [HardwareFact] ones) inside ../shared/alsa-vm, whose kernel
# has snd-aloop and snd-dummy: the host has no sound. Usage (from the repository root):
#   tests/Mimiumd.Alsa.Tests/run-in-alsa-vm.sh [ALSA_VM_DIR] [BUILD_DIR]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
vm=${1:-$root/../shared/alsa-vm}
build=${2:-${TMPDIR:-/tmp}/mimiumd-alsa-vm}
"$vm/build.sh" "$build" >&2
dotnet build "$root/tests/Mimiumd.Alsa.Tests" >&2
exec "$vm/run.sh" --build "$build" --hostroot --share "$root" --timeout 900 \
    --env VSTEST_CONNECTION_TIMEOUT=900 --env DOTNET_NOLOGO=1 --env DOTNET_CLI_TELEMETRY_OPTOUT=1 --env HOME=/tmp \
    -- dotnet test tests/Mimiumd.Alsa.Tests --no-build
