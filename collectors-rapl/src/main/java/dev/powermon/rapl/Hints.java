package dev.powermon.rapl;

import java.nio.file.Path;

/** What the operator reads when RAPL cannot be read: the cause, then the fix. */
final class Hints {
  private Hints() {}

  static String noPowercap(Path classDir) {
    return classDir
        + " does not exist, so this machine exposes no RAPL zones. Load the driver (modprobe"
        + " intel_rapl_msr; AMD Zen needs Linux 5.11 or later); virtual machines and most cloud"
        + " instances have no RAPL. In a container, mount the host's /sys and set"
        + " --collector.rapl.sysfs=/host/sys. Without powercap, --collector.rapl.msr=true reads"
        + " /dev/cpu/*/msr instead (root and the msr module).";
  }

  static String noZones(Path classDir) {
    return classDir
        + " holds no RAPL zone (no directory with name and energy_uj): the intel_rapl driver"
        + " registered no domain on this CPU. Check dmesg for intel_rapl messages.";
  }

  /** CVE-2020-8694 made energy_uj root-only; say every way out, container included. */
  static String permissionDenied(Path file) {
    return "cannot read "
        + file
        + ": permission denied. Since CVE-2020-8694 (Linux 5.10, backported to 4.4 and later)"
        + " energy_uj is readable by root only, and Ubuntu also restricts max_energy_range_uj. Fix:"
        + " run powermon as root, or let a group read the counters at boot with a udev rule"
        + " (packaging/linux/install-linux.sh installs one) in"
        + " /etc/udev/rules.d/99-powermon-powercap.rules: ACTION==\"add\", SUBSYSTEM==\"powercap\","
        + " RUN+=\"/bin/chgrp powermon /sys%p/energy_uj /sys%p/max_energy_range_uj\","
        + " RUN+=\"/bin/chmod g+r /sys%p/energy_uj /sys%p/max_energy_range_uj\" or a tmpfiles line"
        + " in /etc/tmpfiles.d/powermon-rapl.conf: z /sys/class/powercap/*/energy_uj 0440 root"
        + " powermon - (and add the powermon user to that group). To test now: sudo chmod a+r"
        + " /sys/class/powercap/*/energy_uj (lost at reboot). In a container, capabilities.add"
        + " (DAC_READ_SEARCH) does not help a non-root user: run it as root (runAsUser: 0) or fix"
        + " the permissions on the host.";
  }

  static String msrPermissionDenied(Path file) {
    return "cannot read "
        + file
        + ": permission denied. Reading MSRs needs root (CAP_SYS_RAWIO) and the msr"
        + " module (modprobe msr); prefer powercap, which only needs read access to energy_uj.";
  }

  /** A zone that answered before fails now: which file, which errno, what it usually means. */
  static String readFailed(Path file, ReadError reason, String detail) {
    switch (reason) {
      case EACCES:
        return permissionDenied(file);
      case ENOENT:
        return "cannot read "
            + file
            + ": it is gone (driver unloaded or reloaded); powermon looks for the"
            + " zones again at every sample.";
      case STUCK:
        return "cannot read "
            + file
            + ": "
            + detail
            + " (a FIFO or a hung file system where a sysfs attribute should be); the zone is"
            + " left out until the read returns, and the other zones are served.";
      case PARSE:
        return "cannot use "
            + file
            + ": "
            + detail
            + "; the driver wrote something that is not an energy counter.";
      default:
        return "cannot read "
            + file
            + ": "
            + detail
            + " ("
            + reason.label()
            + "); the driver refuses the read."
            + " Check dmesg for intel_rapl errors; powermon retries at every sample.";
    }
  }
}
