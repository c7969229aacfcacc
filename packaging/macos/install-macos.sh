#!/bin/sh
# Installs powermon as a launchd daemon running as root (powermetrics needs root):
#   /usr/local/powermon/powermon.jar                    the exporter
#   /usr/local/powermon/bin/powermon                    its launcher (JVM flags, class cache)
#   /usr/local/etc/powermon/powermon.yml                example config (kept if it exists)
#   /Library/LaunchDaemons/dev.powermon.exporter.plist  the daemon, started at boot
#   /usr/local/var/log/powermon.log                     its log
# Prints every step and how to undo it.
#
# usage: sudo install-macos.sh [--jar FILE] [--prefix DIR] [--dry-run]
#   --jar FILE    the JAR to install (default: exporter/target/powermon.jar of this checkout)
#   --prefix DIR  install the files under DIR instead of / and do not start the daemon
#                 (for packaging and tests, runs without root)
#   --dry-run     print what would be done, change nothing
set -eu

here=$(cd "$(dirname "$0")" && pwd)
label=dev.powermon.exporter
# shellcheck source-path=SCRIPTDIR/.. source=install-common.sh
. "$here/../install-common.sh"
parse_options "$here" "$@"

if [ "$system" -eq 1 ] && ! /usr/bin/java -version >/dev/null 2>&1; then
  echo "warning: no Java runtime found; install Java 17+ (e.g. brew install --cask temurin@17)" >&2
fi

plist="$prefix/Library/LaunchDaemons/$label.plist"
run install -d -m 0755 "$prefix/usr/local/powermon" "$prefix/usr/local/etc/powermon" \
  "$prefix/usr/local/var/log" "$prefix/Library/LaunchDaemons"
run install -m 0644 "$jar" "$prefix/usr/local/powermon/powermon.jar"
run install -d -m 0755 "$prefix/usr/local/powermon/bin"
run install -m 0755 "$here/../../bin/powermon" "$prefix/usr/local/powermon/bin/powermon"
if [ -e "$prefix/usr/local/etc/powermon/powermon.yml" ]; then
  echo "= $prefix/usr/local/etc/powermon/powermon.yml exists, left as it is"
else
  run install -m 0600 "$here/../powermon.yml" "$prefix/usr/local/etc/powermon/powermon.yml"
fi
# launchd refuses daemon plists not owned by root or writable by others.
run install -m 0644 "$here/$label.plist" "$plist"

if [ "$system" -eq 1 ]; then
  run chown root:wheel "$plist"
  # Replace a running copy, then start at once and at every boot.
  if launchctl print "system/$label" >/dev/null 2>&1; then
    run launchctl bootout "system/$label"
  fi
  run launchctl bootstrap system "$plist"
fi

cat <<DONE

powermon installed${prefix:+ under $prefix}.
  Status:   sudo launchctl print system/$label;  curl -s localhost:9100/metrics | grep powermon_power_watts
  Log:      $prefix/usr/local/var/log/powermon.log
  Config:   $prefix/usr/local/etc/powermon/powermon.yml (then: sudo launchctl kickstart -k system/$label)

To undo:
  sudo launchctl bootout system/$label
  sudo rm -f $plist $prefix/usr/local/var/log/powermon.log
  sudo rm -rf $prefix/usr/local/powermon $prefix/usr/local/etc/powermon
DONE
