#!/usr/bin/env bash
# Makes sure this machine can build Sealpost: a Swift 6.1+ toolchain and libsodium's headers.
# Installs libsodium-dev with apt when it can; otherwise prints the exact command to run.
set -euo pipefail

if ! command -v swift >/dev/null 2>&1; then
  if [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
  else
    echo "sealpost setup: Swift is not installed. Install Swift 6.1 or later from swift.org, then run this again." >&2
    exit 1
  fi
fi

if ! pkg-config --exists libsodium 2>/dev/null; then
  echo "sealpost setup: installing libsodium-dev (the libsodium headers) ..." >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsodium-dev pkg-config >/dev/null
  elif command -v sudo >/dev/null 2>&1; then
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libsodium-dev pkg-config >/dev/null
  else
    echo "sealpost setup: libsodium-dev is missing. Run: sudo apt-get install libsodium-dev pkg-config" >&2
    exit 1
  fi
fi
