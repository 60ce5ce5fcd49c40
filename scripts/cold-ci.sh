#!/usr/bin/env bash
# Measures a cold `.ci/run`, as on a fresh machine: stops Docker, removes the engine and everything .ci/run
# installs (docker.io, containerd, runc, debootstrap, busybox-static, the Compose plugin), empties /var/lib/docker,
# moves the Maven repository away, then runs .ci/run in a fresh clone of this repository's HEAD and prints its time.
# DESTRUCTIVE for this machine's Docker: every image, container and volume goes. As root, on a lab machine only:
#   sudo bash scripts/cold-ci.sh --yes
set -uo pipefail
[ "${1:-}" = --yes ] || { echo "this removes Docker and all its data from this machine: run with --yes" >&2; exit 2; }
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/.." && pwd)

pkill -x dockerd; pkill -x containerd; sleep 2
pkill -9 -x dockerd; pkill -9 -x containerd
DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq docker.io containerd runc debootstrap busybox-static > /dev/null 2>&1
DEBIAN_FRONTEND=noninteractive apt-get autoremove -y -qq > /dev/null 2>&1
umount -R /var/lib/docker 2> /dev/null
rm -rf /var/lib/docker /var/lib/containerd /run/docker* /usr/libexec/docker/cli-plugins/docker-compose \
  "$HOME/.docker/cli-plugins"
[ -d "$HOME/.m2" ] && rm -rf "$HOME/.m2.before-cold-ci" && mv "$HOME/.m2" "$HOME/.m2.before-cold-ci"
command -v dockerd > /dev/null && { echo "dockerd is still installed" >&2; exit 1; }

work=$(mktemp -d)
git clone -q "$repo" "$work/repo"
cd "$work/repo" || exit 1
start=$(date +%s)
CI=true bash .ci/run > "$work/ci.log" 2>&1
status=$?
echo "cold .ci/run: exit $status, $(( $(date +%s) - start )) s (log: $work/ci.log)"
grep -E '^\[ci\]|Tests run:.*Fail|grader-check\] FAILED' "$work/ci.log"
exit $status
