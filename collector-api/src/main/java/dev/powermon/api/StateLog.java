package dev.powermon.api;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;

/**
 * Logs when something's state changes, not every time it is seen: a device that stays unreachable
 * is logged once, again only when the reason changes or after it recovered. A reason's numbers
 * ("read 3 bytes", "-32400 is negative") are not part of its state, so a changing count does not
 * re-log. Thread-safe.
 */
public final class StateLog {
  private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");

  private final Logger log;
  private final Map<String, String> failing = new ConcurrentHashMap<>();

  public StateLog(Logger log) {
    this.log = log;
  }

  /**
   * Reports {@code key} failing with {@code message}; logs a warning "{key}: {message}" when the
   * key was fine before or its message differs other than in numbers.
   *
   * @return whether a line was logged
   */
  public boolean failing(String key, String message) {
    String state = shape(message);
    if (Objects.equals(failing.put(key, state), state)) {
      return false;
    }
    log.warn("{}: {}", key, message);
    return true;
  }

  /**
   * Reports {@code key} fine; logs "{key}: {recovered}" at info when it was failing.
   *
   * @return whether a line was logged
   */
  public boolean ok(String key, String recovered) {
    if (failing.remove(key) == null) {
      return false;
    }
    log.info("{}: {}", key, recovered);
    return true;
  }

  /** Whether {@code key} is failing now. */
  public boolean isFailing(String key) {
    return failing.containsKey(key);
  }

  /** {@code message} with every number replaced by {@code #}: its state, for comparison. */
  static String shape(String message) {
    return NUMBER.matcher(String.valueOf(message)).replaceAll("#");
  }
}
