# shellcheck shell=bash
# Shared by the bench scripts: builds kernel-shaped powercap trees under "$sys" (set by the caller).

# zone ID NAME ENERGY_UJ MAX_UJ: the kernel's layout, real dirs nested under devices/virtual/powercap
# and class/powercap/ID as a relative symlink.
zone() {
  local id=$1 name=$2 energy=$3 max=$4 ctype dir prefix part
  ctype=${id%%:*}
  dir="devices/virtual/powercap/$ctype"
  prefix=$ctype
  IFS=: read -ra parts <<<"${id#*:}"
  for part in "${parts[@]}"; do
    prefix="$prefix:$part"
    dir="$dir/$prefix"
  done
  mkdir -p "$sys/$dir" "$sys/class/powercap"
  echo "$name" >"$sys/$dir/name"
  echo "$max" >"$sys/$dir/max_energy_range_uj"
  echo "$energy" >"$sys/$dir/energy_uj"
  ln -s "../../$dir" "$sys/class/powercap/$id"
}
