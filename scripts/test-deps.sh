#!/usr/bin/env bash
# Installs what the test suite talks to: Dovecot (IMAP), Chromium (admin page) and a
# running PostgreSQL. Fails loudly when something cannot be had: tests never skip for it.
set -euo pipefail

need=()
command -v dovecot >/dev/null 2>&1 || [ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v pg_isready >/dev/null 2>&1 || need+=(postgresql-client)

if [ ${#need[@]} -gt 0 ]; then
  echo "test-deps: installing ${need[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || {
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${need[@]}"
  }
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  echo "test-deps: starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -q -h 127.0.0.1 -p 5432 || {
  echo "test-deps: PostgreSQL is not reachable at 127.0.0.1:5432 (needed by the tests)" >&2
  exit 1
}
