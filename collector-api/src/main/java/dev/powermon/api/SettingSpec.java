package dev.powermon.api;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One setting a collector accepts. Drives {@code --help}, the {@code --collector.NAME.SETTING}
 * flag, the {@code collectors: {NAME: {SETTING: …}}} config key, validation, and the README's
 * settings table.
 */
public final class SettingSpec {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private final String name;
  private final SettingType type;
  private final boolean list;
  private final String defaultValue;
  private final String help;
  private final String min;
  private final String max;
  private static final Pattern USER_INFO = Pattern.compile("//[^/@\\s]*@");

  private final Predicate<Object> check;
  private final String checkMessage;
  private final Object parsedDefault;

  private SettingSpec(Builder b, Object parsedDefault) {
    this.name = b.name;
    this.type = b.type;
    this.list = b.list;
    this.defaultValue = b.defaultValue;
    this.help = b.help;
    this.min = b.min;
    this.max = b.max;
    this.check = b.check;
    this.checkMessage = b.checkMessage;
    this.parsedDefault = parsedDefault;
  }

  public static Builder builder(String name, SettingType type) {
    return new Builder(name, type);
  }

  public String name() {
    return name;
  }

  public SettingType type() {
    return type;
  }

  /** A list setting takes the flag several times, or a YAML sequence. */
  public boolean isList() {
    return list;
  }

  /** The default as text, or null when the setting has none (a list defaults to empty). */
  public String defaultValue() {
    return defaultValue;
  }

  public String help() {
    return help;
  }

  /** The smallest value allowed, as written in the declaration, or null. */
  public String min() {
    return min;
  }

  /** The largest value allowed, as written in the declaration, or null. */
  public String max() {
    return max;
  }

  /**
   * Parses and checks one value as given by the operator: the type, the range, the validator.
   *
   * @throws IllegalArgumentException with a message that names the value but not the setting ("must
   *     be at least 10ms, got 0s"); the caller prefixes where it came from (file:line:column, or
   *     the flag)
   */
  public Object parse(String text) {
    Object value = type.parse(text);
    if (min != null && compare(value, type.parse(min)) < 0) {
      throw new IllegalArgumentException("must be at least " + min + ", got " + text.trim());
    }
    if (max != null && compare(value, type.parse(max)) > 0) {
      throw new IllegalArgumentException("must be at most " + max + ", got " + text.trim());
    }
    if (check != null && !check.test(value)) {
      throw new IllegalArgumentException(checkMessage + ", got " + withoutUserInfo(text.trim()));
    }
    return value;
  }

  /** A refused URL is quoted without its {@code user:password@}: the message is logged. */
  private static String withoutUserInfo(String text) {
    return USER_INFO.matcher(text).replaceAll("//(credentials hidden)@");
  }

  /** The default, parsed when the spec was built; null when there is none. */
  Object parsedDefault() {
    return parsedDefault;
  }

  private static int compare(Object a, Object b) {
    if (a instanceof Duration) {
      return ((Duration) a).compareTo((Duration) b);
    }
    if (a instanceof Long) {
      return Long.compare((Long) a, (Long) b);
    }
    return Double.compare((Double) a, (Double) b);
  }

  /** Builder; {@link #help(String)} is required. */
  public static final class Builder {
    private final String name;
    private final SettingType type;
    private boolean list;
    private String defaultValue;
    private String help;
    private String min;
    private String max;
    private Predicate<Object> check;
    private String checkMessage;

    private Builder(String name, SettingType type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = Objects.requireNonNull(type, "type");
    }

    /** Without a default, a scalar setting is absent unless given ({@link Settings#isSet}). */
    public Builder defaultValue(String text) {
      this.defaultValue = text;
      return this;
    }

    /** Makes this a list setting (repeatable flag, YAML sequence). */
    public Builder list() {
      this.list = true;
      return this;
    }

    public Builder help(String help) {
      this.help = help;
      return this;
    }

    /**
     * The smallest value allowed, written as the operator would ({@code 10ms}, {@code 1}); numbers
     * and durations only.
     */
    public Builder min(String text) {
      this.min = text;
      return this;
    }

    /** The largest value allowed, written as the operator would; numbers and durations only. */
    public Builder max(String text) {
      this.max = text;
      return this;
    }

    /**
     * A rule every value must pass; {@code message} says what is wanted ("must be a host name or
     * address"), the value given is appended. {@code rule} receives the parsed value ({@code
     * String}, {@code Long}, {@code Double}, {@code Boolean}, {@code Duration} or {@code Path}).
     */
    public Builder check(Predicate<Object> rule, String message) {
      this.check = Objects.requireNonNull(rule, "rule");
      this.checkMessage = Objects.requireNonNull(message, "message");
      return this;
    }

    public SettingSpec build() {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'" + name + "': illegal setting name, expected " + NAME + ".");
      }
      if (help == null || help.isBlank()) {
        throw new IllegalArgumentException("'" + name + "': help is required.");
      }
      if (list && defaultValue != null) {
        throw new IllegalArgumentException("'" + name + "': a list setting defaults to empty.");
      }
      boolean ordered =
          type == SettingType.DURATION
              || type == SettingType.INTEGER
              || type == SettingType.DECIMAL;
      if ((min != null || max != null) && !ordered) {
        throw new IllegalArgumentException(
            "'" + name + "': min and max apply to numbers and durations only.");
      }
      if (min != null) {
        type.parse(min);
      }
      if (max != null) {
        type.parse(max);
      }
      SettingSpec spec = new SettingSpec(this, null);
      if (defaultValue == null) {
        return spec;
      }
      try {
        // a bad default fails when the provider loads, not at first use
        return new SettingSpec(this, spec.parse(defaultValue));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("'" + name + "': default " + e.getMessage(), e);
      }
    }
  }
}
