package dev.powermon.rapl;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;

/** Logs when something changes state (broken, fixed, broken differently), never once per sample. */
final class StateLog {
  private final Consumer<String> warn;
  private final Consumer<String> info;
  private final Map<String, String> states = new HashMap<>();

  StateLog(Logger logger) {
    this(logger::warn, logger::info);
  }

  StateLog(Consumer<String> warn, Consumer<String> info) {
    this.warn = warn;
    this.info = info;
  }

  /**
   * @param key what is reported on ("collector", a zone id)
   * @param state a short token for the current problem, null when all is well; only its changes are
   *     logged
   * @param message the warning when {@code state} is not null, else the recovery note
   */
  synchronized void report(String key, String state, String message) {
    String before = state == null ? states.remove(key) : states.put(key, state);
    if (Objects.equals(before, state)) {
      return;
    }
    if (state != null) {
      warn.accept(message);
    } else {
      info.accept(message);
    }
  }
}
