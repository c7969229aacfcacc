package dev.powermon.process;

import java.util.Locale;

/**
 * How processes are grouped into series: the {@code group-by} setting, and the {@code group_by}
 * label.
 */
enum GroupBy {
  /** One group per process: {@code comm:pid}. */
  PROCESS,
  /** One group per command name (comm). */
  COMMAND,
  /** One group per container, systemd unit, or "host". */
  CONTAINER,
  /** One group per cgroup path. */
  CGROUP,
  /** The operator's named {@code match} patterns on command lines; always on when any is given. */
  MATCH;

  /** The label value and setting spelling: {@code process}, {@code command}, … */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The {@code group-by} setting's values (match is not one: it has its own setting). */
  static boolean isSetting(String text) {
    for (GroupBy g : values()) {
      if (g != MATCH && g.label().equals(text)) {
        return true;
      }
    }
    return false;
  }

  static GroupBy of(String text) {
    return valueOf(text.toUpperCase(Locale.ROOT));
  }
}
