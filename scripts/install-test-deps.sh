#!/usr/bin/env bash
# Installs what the tests need and is missing: PostgreSQL server, xmlsec1, poppler-utils, Chromium
# (for browser tests), Dovecot and Postfix (bounce-mailbox tests) and the npm test peers. Idempotent and quick when everything is present.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v xmlsec1 >/dev/null 2>&1 || need+=(xmlsec1)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
have_pkg fonts-dejavu-core || need+=(fonts-dejavu-core)
have_pkg tzdata || need+=(tzdata)
# The bounce-mailbox tests start their own Dovecot and Postfix on free loopback ports; the system services are not used.
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
[ -x /usr/sbin/postfix ] || need+=(postfix)

if ((${#need[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Faltan paquetes para las pruebas: ${need[*]}" >&2
    echo "Instálelos con: sudo apt-get install -y ${need[*]}" >&2
    exit 1
  fi
  echo "Instalando: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  if [[ " ${need[*]} " == *" postfix "* ]]; then
    # Without this the package asks how mail is to be sent; the tests only need the binaries.
    echo "postfix postfix/main_mailer_type select Local only" | debconf-set-selections
    echo "postfix postfix/mailname string localhost" | debconf-set-selections
  fi
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

if [ -f tests/peers/package.json ] && [ ! -d tests/peers/node_modules ]; then
  echo "Instalando los servidores de prueba (npm ci en tests/peers)"
  (cd tests/peers && npm ci --no-audit --no-fund --loglevel=error)
fi
