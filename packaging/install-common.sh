# shellcheck shell=sh
# Shared by install-linux.sh and install-macos.sh (sourced, not run): options, the JAR check,
# and run(), which prints each command before running it.
#
# Sets: jar, prefix (no trailing /), dry_run (0/1), system (1 unless --prefix: manage the
# system, not only copy files).

# Prints the installer's header comment (after the #! line) as its usage.
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; }

# usage: parse_options <directory of the installer> "$@"
parse_options() {
  jar="$1/../../exporter/target/powermon.jar"
  shift
  prefix=""
  dry_run=0
  while [ $# -gt 0 ]; do
    case "$1" in
      --jar) [ $# -ge 2 ] || { usage >&2; exit 2; }; jar=$2; shift 2 ;;
      --jar=*) jar=${1#--jar=}; shift ;;
      --prefix) [ $# -ge 2 ] || { usage >&2; exit 2; }; prefix=$2; shift 2 ;;
      --prefix=*) prefix=${1#--prefix=}; shift ;;
      --dry-run) dry_run=1; shift ;;
      -h|--help) usage; exit 0 ;;
      *) echo "$(basename "$0"): unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
  done
  prefix=${prefix%/}
  system=1
  [ -z "$prefix" ] || system=0

  if [ ! -f "$jar" ]; then
    echo "$(basename "$0"): $jar not found; build it with: mvn -B -q package -DskipTests" >&2
    exit 1
  fi
  if [ "$system" -eq 1 ] && [ "$dry_run" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
    echo "$(basename "$0"): run as root (sudo), or use --prefix DIR or --dry-run" >&2
    exit 1
  fi
}

# Prints a command, then runs it unless --dry-run.
run() {
  echo "+ $*"
  [ "$dry_run" -eq 1 ] || "$@"
}
