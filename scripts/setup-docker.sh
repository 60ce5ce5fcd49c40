#!/usr/bin/env bash
# Makes `docker` and `docker compose` work on a Debian/Ubuntu machine that has no Docker engine:
# installs the engine from the distribution's packages, adds the Compose v2 CLI plugin, starts the
# daemon when it is not running and waits until it answers. Idempotent; where Docker already works
# (Docker Desktop, a CI runner) it changes nothing.
set -euo pipefail

LOG_TAG=setup-docker
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

docker_answers() { timeout 10 docker info >/dev/null 2>&1; }
compose_answers() { timeout 10 docker compose version >/dev/null 2>&1; }

install_engine() {
  command -v dockerd >/dev/null 2>&1 && return 0
  need_root "Installing the Docker engine"
  command -v apt-get >/dev/null 2>&1 || die "no apt-get here: install Docker by hand (https://docs.docker.com/engine/install/)."
  log "installing the Docker engine from the distribution's packages (docker.io)"
  apt-get update -qq
  apt_install docker.io iptables ca-certificates
}

# Compose v2 is not packaged for Debian 12; Debian 13's docker-compose package carries the plugin binary,
# which runs on Debian 12. Fetched with apt from the machine's own mirror through a throw-away sources list.
install_compose_plugin() {
  compose_answers && return 0
  need_root "Installing the Compose plugin"
  local dest=/usr/libexec/docker/cli-plugins
  if apt-cache policy docker-compose-plugin 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    log "installing docker-compose-plugin"
    apt_install docker-compose-plugin
    compose_answers && return 0
  fi
  local mirror tmp
  mirror=$(debian_mirror)
  [ -n "$mirror" ] || die "no Debian mirror found in /etc/apt sources: install the Compose v2 plugin by hand."
  tmp=$(mktemp -d)
  mkdir -p "$tmp/lists/partial" "$tmp/parts" "$tmp/cache/archives/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$tmp/sources.list"
  local opts=(-o "Dir::Etc::sourcelist=$tmp/sources.list" -o "Dir::Etc::sourceparts=$tmp/parts"
              -o "Dir::State::Lists=$tmp/lists" -o "Dir::Cache=$tmp/cache" -o "APT::Get::List-Cleanup=0" -o "APT::Sandbox::User=root")
  log "fetching Compose v2 from Debian 13's docker-compose package"
  apt-get "${opts[@]}" update -qq
  (cd "$tmp" && apt-get "${opts[@]}" download docker-compose >/dev/null)
  dpkg -x "$tmp"/docker-compose_*.deb "$tmp/pkg"
  mkdir -p "$dest"
  install -m 0755 "$tmp/pkg/usr/libexec/docker/cli-plugins/docker-compose" "$dest/docker-compose"
  # a docker client outside the distribution's packages may look in the user's folder only
  mkdir -p "$HOME/.docker/cli-plugins"
  ln -sf "$dest/docker-compose" "$HOME/.docker/cli-plugins/docker-compose"
  rm -rf "$tmp"
  compose_answers || die "docker compose still does not answer after installing the plugin."
}

# a live dockerd: a killed one can linger as a zombie where PID 1 does not reap
pid_alive() { [ -n "$1" ] && [ -e "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
dockerd_running() {
  local p
  for p in $(pgrep -x dockerd 2>/dev/null); do pid_alive "$p" && return 0; done
  return 1
}

start_daemon() {
  docker_answers && return 0
  need_root "Starting the Docker daemon"
  if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
    log "starting docker with systemd"
    systemctl start docker || true
  fi
  if ! docker_answers && ! dockerd_running; then
    # a daemon killed without a clean shutdown leaves its pid file and refuses to start again
    if [ -f /var/run/docker.pid ] && ! pid_alive "$(cat /var/run/docker.pid)"; then
      log "removing the stale /var/run/docker.pid"
      rm -f /var/run/docker.pid
    fi
    log "starting dockerd in the background (log: /var/log/dockerd.log)"
    nohup setsid dockerd >/var/log/dockerd.log 2>&1 </dev/null &
  fi
  local waited=0
  until docker_answers; do
    [ "$waited" -ge 60 ] && die "dockerd did not answer within 60 s; see /var/log/dockerd.log"
    sleep 1; waited=$((waited + 1))
  done
}

if docker_answers && compose_answers; then
  log "Docker already works: nothing to do."
else
  docker_answers || install_engine
  start_daemon
  install_compose_plugin
fi
log "$(docker version --format 'engine {{.Server.Version}} (API {{.Server.APIVersion}}), {{.Server.Os}}/{{.Server.Arch}}')"
log "$(docker compose version)"
