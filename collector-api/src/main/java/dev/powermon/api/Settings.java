package dev.powermon.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A collector's settings, parsed and validated. Built by the core from flags and the config file
 * (and by tests from a map); a collector only reads it.
 */
public final class Settings {
  private final String collector;
  private final Map<String, SettingSpec> specs = new LinkedHashMap<>();

  /** Values the operator gave; defaults are taken from the specs when read. */
  private final Map<String, List<Object>> given = new LinkedHashMap<>();

  private Settings(String collector) {
    this.collector = collector;
  }

  /**
   * Parses {@code raw} (setting name to the values given, as text) against {@code specs}.
   *
   * @throws IllegalArgumentException naming {@code collectors.NAME.SETTING} and the bad value, for
   *     an unknown setting, a wrong type, or several values for a scalar setting
   */
  public static Settings parse(
      String collector, List<SettingSpec> specs, Map<String, List<String>> raw) {
    return parse(collector, specs, raw, setting -> "collectors." + collector + "." + setting);
  }

  /**
   * As {@link #parse(String, List, Map)}, with errors prefixed by {@code where.apply(setting)}: the
   * flag as typed ({@code --collector.rapl.interval}) for values from the command line.
   */
  public static Settings parse(
      String collector,
      List<SettingSpec> specs,
      Map<String, List<String>> raw,
      Function<String, String> where) {
    Settings settings = new Settings(collector);
    for (SettingSpec spec : specs) {
      settings.specs.put(spec.name(), spec);
    }
    for (Map.Entry<String, List<String>> entry : raw.entrySet()) {
      SettingSpec spec = settings.specs.get(entry.getKey());
      if (spec == null) {
        throw new IllegalArgumentException(
            where.apply(entry.getKey())
                + ": unknown setting; "
                + collector
                + " accepts "
                + settings.specs.keySet());
      }
      if (!spec.isList() && entry.getValue().size() > 1) {
        throw new IllegalArgumentException(
            where.apply(spec.name()) + ": takes one value, got " + entry.getValue().size());
      }
      List<Object> parsed = new ArrayList<>();
      for (String text : entry.getValue()) {
        try {
          parsed.add(spec.parse(Objects.requireNonNull(text, "value")));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(where.apply(spec.name()) + ": " + e.getMessage(), e);
        }
      }
      settings.given.put(spec.name(), Collections.unmodifiableList(parsed));
    }
    return settings;
  }

  /**
   * These settings with every value given in {@code over} replacing ours: the file's settings
   * overlaid with the flags'. Nothing is parsed again.
   */
  public Settings overlaidWith(Settings over) {
    Settings out = new Settings(collector);
    out.specs.putAll(specs);
    out.given.putAll(given);
    out.given.putAll(over.given);
    return out;
  }

  /** Whether the setting has a value, given or by default. */
  public boolean isSet(SettingSpec spec) {
    return !values(spec).isEmpty();
  }

  /**
   * Whether the operator gave the setting (in the file or as a flag), as opposed to its default
   * applying.
   */
  public boolean isGiven(SettingSpec spec) {
    values(spec); // refuses an undeclared setting
    return given.containsKey(spec.name());
  }

  public String string(SettingSpec spec) {
    return (String) single(spec, SettingType.STRING);
  }

  public long integer(SettingSpec spec) {
    return (Long) single(spec, SettingType.INTEGER);
  }

  public double decimal(SettingSpec spec) {
    return (Double) single(spec, SettingType.DECIMAL);
  }

  public boolean bool(SettingSpec spec) {
    return (Boolean) single(spec, SettingType.BOOLEAN);
  }

  public Duration duration(SettingSpec spec) {
    return (Duration) single(spec, SettingType.DURATION);
  }

  public Path path(SettingSpec spec) {
    return (Path) single(spec, SettingType.PATH);
  }

  /** A list setting's values as text, in the order given; empty when none. */
  public List<String> strings(SettingSpec spec) {
    requireType(spec, SettingType.STRING);
    List<String> out = new ArrayList<>();
    for (Object v : values(spec)) {
      out.add((String) v);
    }
    return out;
  }

  private Object single(SettingSpec spec, SettingType type) {
    requireType(spec, type);
    List<Object> v = values(spec);
    if (v.isEmpty()) {
      throw new IllegalStateException(
          key(spec.name()) + " has no value and no default; check isSet() first");
    }
    return v.get(0);
  }

  private List<Object> values(SettingSpec spec) {
    if (!specs.containsKey(spec.name())) {
      throw new IllegalArgumentException(
          key(spec.name()) + " is not a declared setting of " + collector);
    }
    List<Object> v = given.get(spec.name());
    if (v != null) {
      return v;
    }
    Object byDefault = specs.get(spec.name()).parsedDefault();
    return byDefault == null ? List.of() : List.of(byDefault);
  }

  private void requireType(SettingSpec spec, SettingType type) {
    if (spec.type() != type) {
      throw new IllegalArgumentException(
          key(spec.name()) + " is a " + spec.type().label() + ", not a " + type.label());
    }
  }

  private String key(String setting) {
    return "collectors." + collector + "." + setting;
  }
}
