package dev.powermon.macos;

import java.util.Locale;

/** Facts about the machine powermon runs on, without native calls. */
final class MacHost {
  private MacHost() {}

  static String osName() {
    return System.getProperty("os.name", "unknown");
  }

  static boolean isMac() {
    return osName().toLowerCase(Locale.ROOT).startsWith("mac");
  }

  /** Whether the process runs as root (uid 0); false where that cannot be told. */
  static boolean isRoot() {
    try {
      return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
