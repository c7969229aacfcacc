package dev.powermon.process;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The operator's {@code match} setting: {@code NAME=REGEX} pairs, tried in order against a
 * process's command line (whole-line match); the first that matches names its group. Only the names
 * are ever exported, never the command lines.
 */
final class MatchRules {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

  private final List<String> names = new ArrayList<>();
  private final List<Pattern> patterns = new ArrayList<>();

  private MatchRules() {}

  /**
   * Parses every rule; throws IllegalArgumentException saying what is wrong with the first bad one.
   */
  static MatchRules parse(List<String> rules) {
    MatchRules out = new MatchRules();
    for (String rule : rules) {
      out.add(rule);
    }
    return out;
  }

  /** Whether {@code rule} parses: the {@code match} setting's check at load. */
  static boolean isValid(Object rule) {
    try {
      new MatchRules().add((String) rule);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private void add(String rule) {
    int eq = rule.indexOf('=');
    if (eq < 0) {
      throw new IllegalArgumentException("'" + rule + "' is not NAME=REGEX");
    }
    String name = rule.substring(0, eq).trim();
    if (!NAME.matcher(name).matches() || name.equals(GroupLedger.OTHER)) {
      throw new IllegalArgumentException(
          "'" + name + "' is not a group name (letters, digits, _ . -; not 'other')");
    }
    try {
      patterns.add(Pattern.compile(rule.substring(eq + 1), Pattern.DOTALL));
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "'" + rule.substring(eq + 1) + "' is not a regular expression");
    }
    names.add(name);
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /**
   * The first rule's name whose pattern matches the whole {@code commandLine}, else {@code other}.
   */
  String group(String commandLine) {
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).matcher(commandLine).matches()) {
        return names.get(i);
      }
    }
    return GroupLedger.OTHER;
  }
}
