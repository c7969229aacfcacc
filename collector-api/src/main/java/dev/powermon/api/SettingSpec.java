package dev.powermon.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting a collector accepts. Drives {@code --help}, the {@code --collector.NAME.SETTING} flag, the
 * {@code collectors: {NAME: {SETTING: …}}} config key, validation, and the README's settings table.
 */
public final class SettingSpec {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

  private final String name;
  private final SettingType type;
  private final boolean list;
  private final String defaultValue;
  private final String help;

  private SettingSpec(Builder b) {
    this.name = b.name;
    this.type = b.type;
    this.list = b.list;
    this.defaultValue = b.defaultValue;
    this.help = b.help;
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

  /** Builder; {@link #help(String)} is required. */
  public static final class Builder {
    private final String name;
    private final SettingType type;
    private boolean list;
    private String defaultValue;
    private String help;

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

    public SettingSpec build() {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("'" + name + "': illegal setting name, expected " + NAME + ".");
      }
      if (help == null || help.isBlank()) {
        throw new IllegalArgumentException("'" + name + "': help is required.");
      }
      if (list && defaultValue != null) {
        throw new IllegalArgumentException("'" + name + "': a list setting defaults to empty.");
      }
      if (defaultValue != null) {
        type.parse(defaultValue); // a bad default fails when the provider loads, not at first use
      }
      return new SettingSpec(this);
    }
  }
}
