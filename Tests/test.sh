#!/usr/bin/env bash
# The test command: installs what is missing, builds every product, and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")/.."
source examples/setup.sh
swift build --build-tests
swift test --skip-build "$@"
