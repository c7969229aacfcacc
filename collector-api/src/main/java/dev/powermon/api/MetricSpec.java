package dev.powermon.api;

import io.prometheus.metrics.model.snapshots.Labels;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One metric family a collector may emit: drives the metric table's defaults and the README's
 * metrics reference. {@code name} is the name as exposed in {@code /metrics}: counters end in
 * {@code _total}, info metrics in {@code _info}.
 */
public final class MetricSpec {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /** How the family is typed in the exposition. */
  public enum Type {
    GAUGE,
    COUNTER,
    INFO,
    /** Only the core's JVM families (client_java's GC times); {@link Families} builds none. */
    SUMMARY
  }

  private final String name;
  private final Type type;
  private final String help;
  private final List<String> labelNames;
  private final List<String> extraLabelNames;
  private final List<String> allLabelNames;

  /** {@link #allLabelNames()} sorted, as client_java keeps a series' labels: compared per point. */
  private final String[] sortedLabelNames;

  private final boolean enabledByDefault;
  private final String unit;

  private MetricSpec(Builder b) {
    this.unit = b.unit;
    this.name = b.name;
    this.type = b.type;
    this.help = b.help;
    this.labelNames = List.copyOf(b.labelNames);
    this.extraLabelNames = List.copyOf(b.extraLabelNames);
    this.allLabelNames = List.copyOf(b.extraLabelNamesAndBase());
    this.enabledByDefault = b.enabledByDefault;
    this.sortedLabelNames = allLabelNames().stream().sorted().toArray(String[]::new);
  }

  public static Builder gauge(String name) {
    return new Builder(name, Type.GAUGE);
  }

  public static Builder counter(String name) {
    return new Builder(name, Type.COUNTER);
  }

  public static Builder info(String name) {
    return new Builder(name, Type.INFO);
  }

  public static Builder summary(String name) {
    return new Builder(name, Type.SUMMARY);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public String help() {
    return help;
  }

  public List<String> labelNames() {
    return labelNames;
  }

  /**
   * Labels one collector adds to a family it shares with others (RAPL's {@code socket} and {@code
   * die} on {@code powermon_power_watts}); empty for a family of its own. Every series the
   * collector emits carries {@link #labelNames()} and these.
   */
  public List<String> extraLabelNames() {
    return extraLabelNames;
  }

  /**
   * Whether {@code labels} carry exactly {@link #allLabelNames()}, without allocating: the check
   * every point of every collection passes. False may also mean labels sorted otherwise than by
   * their names, which the caller then checks the slow way.
   */
  boolean carriesExactly(Labels labels) {
    if (labels.size() != sortedLabelNames.length) {
      return false;
    }
    for (int i = 0; i < sortedLabelNames.length; i++) {
      if (!sortedLabelNames[i].equals(labels.getName(i))) {
        return false;
      }
    }
    return true;
  }

  /** {@link #labelNames()} followed by {@link #extraLabelNames()}: what every series must carry. */
  public List<String> allLabelNames() {
    return allLabelNames; // checked for every series of every scrape: built once
  }

  public boolean enabledByDefault() {
    return enabledByDefault;
  }

  /**
   * The base unit the name ends in ({@code watts}, {@code joules}, {@code seconds}), or null when
   * unitless.
   */
  public String unit() {
    return unit;
  }

  /**
   * This shared family as one collector emits it, with its own extra labels: declare {@code
   * PowerFamilies.POWER_SPEC.withExtraLabels("socket", "die")} in {@link
   * CollectorProvider#metrics()} so the builder accepts them and the reference lists them.
   */
  public MetricSpec withExtraLabels(String... extra) {
    Builder b = new Builder(name, type).help(help).labelNames(labelNames.toArray(String[]::new));
    b.extraLabelNames = List.of(extra);
    b.unit = unit;
    return b.enabledByDefault(enabledByDefault).build();
  }

  /** Builder; {@link #help(String)} is required. */
  public static final class Builder {
    private final String name;
    private final Type type;
    private String help;
    private List<String> labelNames = List.of();
    private List<String> extraLabelNames = List.of();
    private boolean enabledByDefault = true;
    private String unit;

    private Builder(String name, Type type) {
      this.name = Objects.requireNonNull(name, "name");
      this.type = type;
    }

    public Builder help(String help) {
      this.help = help;
      return this;
    }

    public Builder labelNames(String... labelNames) {
      this.labelNames = List.of(labelNames);
      return this;
    }

    /**
     * Whether the family is served until the operator's metric table says otherwise; true by
     * default.
     */
    public Builder enabledByDefault(boolean enabledByDefault) {
      this.enabledByDefault = enabledByDefault;
      return this;
    }

    private List<String> extraLabelNamesAndBase() {
      List<String> all = new ArrayList<>(labelNames);
      all.addAll(extraLabelNames);
      return all;
    }

    /**
     * The family's base unit, which its name must end in before any {@code _total}/{@code _info}
     * ({@code powermon_energy_joules_total} has unit {@code joules}); OpenMetrics scrapes show it.
     */
    public Builder unit(String unit) {
      this.unit = unit;
      return this;
    }

    public MetricSpec build() {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'" + name + "': illegal metric name, expected " + NAME + ".");
      }
      if (type == Type.COUNTER && !name.endsWith("_total")) {
        throw new IllegalArgumentException("'" + name + "': a counter's name must end in _total.");
      }
      if (type == Type.INFO && !name.endsWith("_info")) {
        throw new IllegalArgumentException(
            "'" + name + "': an info metric's name must end in _info.");
      }
      if (help == null || help.isBlank()) {
        throw new IllegalArgumentException("'" + name + "': help is required.");
      }
      String stem =
          name.replaceFirst(
              type == Type.COUNTER ? "_total$" : type == Type.INFO ? "_info$" : "$^", "");
      if (unit != null && (!LABEL.matcher(unit).matches() || !stem.endsWith("_" + unit))) {
        throw new IllegalArgumentException(
            "'"
                + name
                + "': a family with unit '"
                + unit
                + "' must be named …_"
                + unit
                + (type == Type.COUNTER ? "_total." : "."));
      }
      Set<String> seen = new HashSet<>();
      for (String label : extraLabelNamesAndBase()) {
        if (!LABEL.matcher(label).matches() || label.startsWith("__")) {
          throw new IllegalArgumentException("'" + name + "': illegal label name '" + label + "'.");
        }
        if (!seen.add(label)) {
          throw new IllegalArgumentException(
              "'" + name + "': label '" + label + "' is declared twice.");
        }
      }
      return new MetricSpec(this);
    }
  }
}
