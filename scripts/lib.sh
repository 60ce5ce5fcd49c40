# Shared by the lab's scripts: messages and the machine's own Debian mirror.
log() { printf '[%s] %s\n' "${LOG_TAG:-docker-lab}" "$*"; }
die() { printf '[%s] ERROR: %s\n' "${LOG_TAG:-docker-lab}" "$*" >&2; exit 1; }
need_root() { [ "$(id -u)" = 0 ] || die "$1 needs root: run this script with sudo."; }

# The Debian archive this machine's apt already uses, so no host is written into the lab.
debian_mirror() {
  local uris
  uris=$( { awk '/^URIs:/ {print $2}' /etc/apt/sources.list.d/*.sources
            awk '$1=="deb" {for (i=2; i<=NF; i++) if ($i ~ /:\/\//) {print $i; break}}' \
              /etc/apt/sources.list /etc/apt/sources.list.d/*.list; } 2>/dev/null || true)
  printf '%s\n' "$uris" | grep -m1 -E '/debian/?$' || true
}

apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
