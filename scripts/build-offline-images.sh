#!/usr/bin/env bash
# Builds the lab's offline stand-ins (images/busybox, images/openjdk-jre, images/postgresql) from Debian
# packages only: no registry, no network inside any container. An image already present is skipped.
# Needs root for debootstrap and chroot; pass --force to rebuild.
set -euo pipefail
LOG_TAG=offline-images
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib.sh"

# the offline names, from the one image catalog
. "$root/images/catalog.env"
BUSYBOX=$SHELL_OFFLINE
JRE=$JAVA_RUNTIME_OFFLINE
POSTGRES=$POSTGRES_OFFLINE

force=false; [ "${1:-}" = --force ] && force=true
present() { ! $force && docker image inspect "$1" >/dev/null 2>&1; }
work=$(mktemp -d)
cleanup() {
  for d in "$work"/*/proc; do mountpoint -q "$d" && umount "$d"; done 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

host_packages() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} = 0 ] && return 0
  need_root "Installing ${missing[*]}"
  log "installing ${missing[*]}"
  apt-get update -qq && apt_install "${missing[@]}"
}

build_busybox() {
  present "$BUSYBOX" && { log "$BUSYBOX present"; return; }
  host_packages busybox-static
  mkdir -p "$work/busybox"
  cp "$root/images/busybox/Dockerfile" "$work/busybox/"
  cp /bin/busybox "$work/busybox/busybox"
  docker build -q -t "$BUSYBOX" "$work/busybox" >/dev/null
  log "built $BUSYBOX"
}

# A Debian 12 minbase root filesystem, made once and copied for each image.
base_rootfs() {
  [ -d "$work/base" ] && return
  need_root "debootstrap"
  host_packages debootstrap
  local mirror; mirror=$(debian_mirror)
  [ -n "$mirror" ] || die "no Debian mirror found in /etc/apt sources"
  log "debootstrap bookworm (about a minute)"
  debootstrap --variant=minbase bookworm "$work/base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log"; die "debootstrap failed"; }
  # no daemon may start inside the chroot while packages install
  printf '#!/bin/sh\nexit 101\n' > "$work/base/usr/sbin/policy-rc.d"
  chmod +x "$work/base/usr/sbin/policy-rc.d"
}

# rootfs_with NAME PACKAGES...: copies the base, installs the packages inside it with apt, cleans up.
rootfs_with() {
  local name=$1; shift
  base_rootfs
  cp -a "$work/base" "$work/$name"
  local dir="$work/$name"
  mount -t proc proc "$dir/proc"
  [ "$name" = postgresql ] && mkdir -p "$dir/etc/postgresql-common" &&
    echo 'create_main_cluster = false' > "$dir/etc/postgresql-common/createcluster.conf"
  chroot "$dir" /usr/bin/env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
    >"$work/$name.log" 2>&1 || { tail -20 "$work/$name.log"; die "apt-get install $* failed in the $name rootfs"; }
  umount "$dir/proc"
  chroot "$dir" apt-get clean
  rm -rf "$dir"/var/lib/apt/lists/* "$dir/usr/sbin/policy-rc.d" "$dir"/usr/share/doc/* "$dir"/usr/share/man/*
}

deb_version() { chroot "$work/$1" dpkg-query -W -f '${Version}' "$2"; }

import_rootfs() { tar -C "$work/$1" -c . | docker import - "docker-lab/rootfs-$1:debian12" >/dev/null; }

build_jre() {
  present "$JRE" && { log "$JRE present"; return; }
  rootfs_with openjdk-jre openjdk-17-jre-headless
  local v; v=$(deb_version openjdk-jre openjdk-17-jre-headless)   # 17.0.21.1+2-1~deb12u1
  import_rootfs openjdk-jre
  docker build -q -t "$JRE" --build-arg ROOTFS=docker-lab/rootfs-openjdk-jre:debian12 \
    --build-arg DEB_ARCH="$(dpkg --print-architecture)" --build-arg JAVA_VERSION="jdk-${v%%-*}" \
    "$root/images/openjdk-jre" >/dev/null
  docker rmi docker-lab/rootfs-openjdk-jre:debian12 >/dev/null
  log "built $JRE"
}

build_postgres() {
  present "$POSTGRES" && { log "$POSTGRES present"; return; }
  rootfs_with postgresql postgresql-15
  local v; v=$(deb_version postgresql postgresql-15)
  import_rootfs postgresql
  docker build -q -t "$POSTGRES" --build-arg ROOTFS=docker-lab/rootfs-postgresql:debian12 \
    --build-arg PG_VERSION="$v" "$root/images/postgresql" >/dev/null
  docker rmi docker-lab/rootfs-postgresql:debian12 >/dev/null
  log "built $POSTGRES"
}

timeout 10 docker info >/dev/null 2>&1 || die "Docker does not answer: run scripts/setup-docker.sh first."
build_busybox
# one debootstrap for both; then the two images install their packages and build side by side
{ present "$JRE" && present "$POSTGRES"; } || base_rootfs
build_jre & jre=$!
build_postgres & postgres=$!
wait "$jre"
wait "$postgres"
docker image ls --format '{{.Repository}}:{{.Tag}}  {{.Size}}' | grep '^docker-lab/' || true
