#!/usr/bin/env bash
# Installs and starts what the test suite talks to, on Debian 12 (run by `make test`):
#
#   PostgreSQL  127.0.0.1:5432, trust authentication on loopback, database "test"
#   MariaDB     127.0.0.1:3306, user root without a password on loopback, database "test"
#   Dovecot     the binaries only: the tests start their own server on a free loopback port
#   Chromium    Debian's package, driven by Playwright for the admin page
#   python3-venv, so `make` can create .venv
#
# For development and CI machines only: it lets any local user into both databases.
# Nothing is left listening on a public address: services are not started by the package
# installs (policy-rc.d), the system Dovecot this script installs is disabled, and the two
# databases listen on loopback (Debian's defaults, checked below).
# Fails loudly when something cannot be had: tests never skip for it.
set -euo pipefail

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
say() { echo "test-deps: $*"; }
die() { echo "test-deps: $*" >&2; exit 1; }

need=()
python3 -c 'import ensurepip' 2>/dev/null || need+=(python3-venv)
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
command -v pg_isready >/dev/null 2>&1 || need+=(postgresql-client)
[ -x /usr/sbin/mariadbd ] || need+=(mariadb-server)
installed_dovecot=""
[[ " ${need[*]-} " == *" dovecot-imapd "* ]] && installed_dovecot=1

if [ ${#need[@]} -gt 0 ]; then
  say "installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  # Exit code 101 tells invoke-rc.d / deb-systemd-invoke not to start what gets installed.
  policy=/usr/sbin/policy-rc.d
  own_policy=""
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod 755 "$policy"
    own_policy=1
  fi
  status=0
  $SUDO apt-get install -y -qq "${need[@]}" >/dev/null 2>&1 || {
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq "${need[@]}"
  } || status=$?
  [ -z "$own_policy" ] || $SUDO rm -f "$policy"
  [ "$status" -eq 0 ] || die "apt-get install ${need[*]} failed"
fi

if [ -n "$installed_dovecot" ] && command -v systemctl >/dev/null 2>&1; then
  # The tests run their own Dovecot; the system one would listen on 0.0.0.0:143 and :993.
  $SUDO systemctl disable --now --quiet dovecot.service dovecot.socket 2>/dev/null || true
fi

# --- PostgreSQL ----------------------------------------------------------------------------
pg() { $SUDO runuser -u postgres -- psql -X -q -tA "$@"; }
if ! pg_isready -q -h 127.0.0.1 -p 5432; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)
  if [ -z "$version" ]; then
    version=$(ls /usr/lib/postgresql | sort -V | tail -1)
    say "creating PostgreSQL $version cluster main"
    $SUDO pg_createcluster "$version" main >/dev/null
  fi
  say "starting PostgreSQL $version"
  $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi
pg_isready -q -h 127.0.0.1 -p 5432 || die "PostgreSQL is not reachable at 127.0.0.1:5432"
if ! psql -X -w -q -h 127.0.0.1 -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  hba=$(pg -c 'SHOW hba_file')
  say "trusting loopback connections in $hba"
  $SUDO sed -i -e '1i host all all ::1/128 trust' -e '1i host all all 127.0.0.1/32 trust' "$hba"
  pg -c 'SELECT pg_reload_conf()' >/dev/null
fi
psql -X -w -q -h 127.0.0.1 -U postgres -d postgres -tAc \
  "SELECT 1 FROM pg_database WHERE datname = 'test'" | grep -q 1 \
  || psql -X -w -q -h 127.0.0.1 -U postgres -d postgres -c 'CREATE DATABASE test'
listen=$(psql -X -w -h 127.0.0.1 -U postgres -d postgres -tAc 'SHOW listen_addresses')
[ "$listen" = localhost ] || [ "$listen" = 127.0.0.1 ] \
  || say "warning: PostgreSQL listens on '$listen', not only on loopback"

# --- MariaDB -------------------------------------------------------------------------------
maria_ok() { mariadb -h 127.0.0.1 -P 3306 -u root -e 'SELECT 1' "$@" >/dev/null 2>&1; }
if ! mariadb-admin -h 127.0.0.1 -P 3306 --silent ping >/dev/null 2>&1 && ! maria_ok; then
  say "starting MariaDB"
  $SUDO service mariadb start >/dev/null 2>&1 || $SUDO service mysql start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do
    mariadb-admin -h 127.0.0.1 -P 3306 --silent ping >/dev/null 2>&1 && break
    maria_ok && break
    sleep 1
  done
fi
if ! maria_ok test; then
  say "MariaDB: database test, root on 127.0.0.1 without a password"
  $SUDO mariadb -e "CREATE DATABASE IF NOT EXISTS test;
    CREATE USER IF NOT EXISTS 'root'@'127.0.0.1' IDENTIFIED BY '';
    GRANT ALL PRIVILEGES ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;
    FLUSH PRIVILEGES;"
fi
maria_ok test || die "MariaDB is not reachable at 127.0.0.1:3306 as root (database test)"
say "ready: PostgreSQL, MariaDB, Dovecot, Chromium"
