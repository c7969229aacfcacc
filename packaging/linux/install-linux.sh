#!/bin/sh
# Installs powermon as a systemd service:
#   /opt/powermon/powermon.jar                 the exporter
#   /opt/powermon/bin/powermon                 its launcher (JVM flags, class cache)
#   /etc/powermon/powermon.yml                 example config (kept if it exists)
#   /etc/systemd/system/powermon.service       the hardened unit
#   /etc/udev/rules.d/99-powermon-powercap.rules  RAPL read access for group powermon
# and a system user and group "powermon". Prints every step and how to undo it.
#
# usage: install-linux.sh [--jar FILE] [--prefix DIR] [--dry-run]
#   --jar FILE    the JAR to install (default: exporter/target/powermon.jar of this checkout)
#   --prefix DIR  install under DIR instead of / (files only: no user, udev or systemctl;
#                 for packaging and tests, runs without root)
#   --dry-run     print what would be done, change nothing
set -eu

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source-path=SCRIPTDIR/.. source=install-common.sh
. "$here/../install-common.sh"
parse_options "$here" "$@"

if [ "$system" -eq 1 ] && ! command -v java >/dev/null 2>&1 && ! ls /usr/lib/jvm/*/bin/java >/dev/null 2>&1; then
  echo "warning: no Java found; install a Java 17+ runtime (e.g. apt install openjdk-17-jre-headless)" >&2
fi

if [ "$system" -eq 1 ]; then
  if getent group powermon >/dev/null 2>&1; then
    echo "= group powermon exists"
  else
    run groupadd --system powermon
  fi
  if getent passwd powermon >/dev/null 2>&1; then
    echo "= user powermon exists"
  else
    run useradd --system --gid powermon --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin powermon
  fi
  owner="-o root -g powermon"
else
  owner=""
fi

run install -d -m 0755 "$prefix/opt/powermon"
run install -m 0644 "$jar" "$prefix/opt/powermon/powermon.jar"
run install -d -m 0755 "$prefix/opt/powermon/bin"
run install -m 0755 "$here/../../bin/powermon" "$prefix/opt/powermon/bin/powermon"
# The exporter writes its metric table back to the config file (temp file + rename),
# so the directory and file are writable by the powermon group.
# shellcheck disable=SC2086  # $owner is empty or two options
run install -d -m 0770 $owner "$prefix/etc/powermon"
if [ -e "$prefix/etc/powermon/powermon.yml" ]; then
  echo "= $prefix/etc/powermon/powermon.yml exists, left as it is"
else
  # shellcheck disable=SC2086
  run install -m 0660 $owner "$here/../powermon.yml" "$prefix/etc/powermon/powermon.yml"
fi
run install -d -m 0755 "$prefix/etc/systemd/system" "$prefix/etc/udev/rules.d"
run install -m 0644 "$here/powermon.service" "$prefix/etc/systemd/system/powermon.service"
run install -m 0644 "$here/99-powermon-powercap.rules" "$prefix/etc/udev/rules.d/99-powermon-powercap.rules"

if [ "$system" -eq 1 ]; then
  run udevadm control --reload
  run udevadm trigger --subsystem-match=powercap --action=add
  run systemctl daemon-reload
  run systemctl enable --now powermon.service
fi

cat <<DONE

powermon installed${prefix:+ under $prefix}.
  Status:   systemctl status powermon;  curl -s localhost:9100/metrics | grep powermon_power_watts
  Config:   $prefix/etc/powermon/powermon.yml (then: systemctl reload powermon)
  Flags:    POWERMON_ARGS="..." in /etc/default/powermon

To undo:
  systemctl disable --now powermon.service
  rm -f $prefix/etc/systemd/system/powermon.service $prefix/etc/udev/rules.d/99-powermon-powercap.rules
  rm -rf $prefix/opt/powermon $prefix/etc/powermon
  systemctl daemon-reload && udevadm control --reload
  userdel powermon; groupdel powermon 2>/dev/null || true
  (energy_uj goes back to root-only at the next reboot)
DONE
