#!/bin/sh
# Makes sure redis-server and redis-cli are installed before the Redis module's tests run.
# Called by the build (exec-maven-plugin, phase process-test-classes). Does nothing when both are
# on PATH; otherwise installs the Debian/Ubuntu package "redis-server" with apt-get (as root, or
# through sudo when not root). Fails with a clear message when it cannot.
set -eu

if command -v redis-server >/dev/null 2>&1 && command -v redis-cli >/dev/null 2>&1; then
  exit 0
fi

echo "ensure-redis: redis-server/redis-cli not found on PATH; installing the redis-server package" >&2

if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: cannot install Redis automatically: apt-get is not available on this system." >&2
  echo "ensure-redis: install Redis 6.2 or newer (redis-server and redis-cli on PATH) and run the build again," >&2
  echo "ensure-redis: or skip the Redis module's tests with -DskipTests." >&2
  exit 1
fi

if [ "$(id -u)" = "0" ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "ensure-redis: cannot install Redis: not root and sudo is unavailable or needs a password." >&2
  echo "ensure-redis: run 'sudo apt-get install -y redis-server' once, then run the build again." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get update -q >&2 || ! $SUDO apt-get install -y -q --no-install-recommends redis-server >&2; then
  echo "ensure-redis: 'apt-get install redis-server' failed (see above); install Redis by hand and retry." >&2
  exit 1
fi

# The package may start a service on 6379; the tests use it when present and their own servers otherwise.
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
  echo "ensure-redis: redis-server was installed but is still not on PATH (PATH=$PATH)." >&2
  exit 1
fi
echo "ensure-redis: installed $(redis-server --version)" >&2
