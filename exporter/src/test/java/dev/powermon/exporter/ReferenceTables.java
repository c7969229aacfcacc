package dev.powermon.exporter;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.PowerFamilies;
import dev.powermon.api.SettingSpec;
import dev.powermon.exporter.runtime.Providers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The Markdown tables the docs carry, rendered from the providers' and the core's own descriptors.
 */
final class ReferenceTables {
  /**
   * Where the core's classes live; every core family is declared as a constant somewhere below it.
   */
  private static final String CORE_PACKAGE = "dev/powermon/exporter";

  private ReferenceTables() {}

  /** Every collector in the JAR; the test collectors of this module are not part of the product. */
  static List<CollectorProvider> products() {
    List<CollectorProvider> out = new ArrayList<>();
    for (CollectorProvider p : Providers.discover().values()) {
      if (!p.getClass().getPackageName().endsWith(".testcollectors")) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The families the core itself emits, whatever collectors run: every static {@code MetricSpec} or
   * {@code List<MetricSpec>} constant of the core's classes, found by scanning them, so a family
   * the core declares anywhere (meta, process, push, windows, probe) reaches the reference without
   * editing this.
   */
  static List<MetricSpec> coreSpecs() {
    Map<String, MetricSpec> byName = new TreeMap<>();
    for (String className : coreClassNames()) {
      Class<?> type;
      try {
        type = Class.forName(className, false, ReferenceTables.class.getClassLoader());
      } catch (ClassNotFoundException | LinkageError e) {
        throw new IllegalStateException("cannot load " + className, e);
      }
      for (Field field : type.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers())) {
          for (MetricSpec spec : specsIn(field)) {
            byName.putIfAbsent(spec.name(), spec);
          }
        }
      }
    }
    // Declared in the API, beside the power families it describes, but emitted by the core.
    byName.putIfAbsent(PowerFamilies.SOURCE_INFO_SPEC.name(), PowerFamilies.SOURCE_INFO_SPEC);
    return List.copyOf(byName.values());
  }

  private static List<MetricSpec> specsIn(Field field) {
    boolean one = field.getType() == MetricSpec.class;
    boolean list =
        field.getType() == List.class
            && field.getGenericType() instanceof ParameterizedType p
            && p.getActualTypeArguments()[0] == MetricSpec.class;
    if (!one && !list) {
      return List.of();
    }
    try {
      field.setAccessible(true);
      Object value = field.get(null);
      @SuppressWarnings("unchecked")
      List<MetricSpec> specs = one ? List.of((MetricSpec) value) : (List<MetricSpec>) value;
      return specs;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  /**
   * Main classes under the core package, from class directories and JARs alike; test classes left
   * out.
   */
  private static Set<String> coreClassNames() {
    Set<String> names = new TreeSet<>();
    try {
      for (URL url :
          Collections.list(ReferenceTables.class.getClassLoader().getResources(CORE_PACKAGE))) {
        if (url.getPath().contains("/test-classes/")) {
          continue;
        }
        if ("jar".equals(url.getProtocol())) {
          JarURLConnection connection = (JarURLConnection) url.openConnection();
          connection.setUseCaches(
              false); // a JarFile of our own, which closing cannot take from the loader
          try (JarFile jar = connection.getJarFile()) {
            jar.stream()
                .map(e -> e.getName())
                .filter(n -> n.startsWith(CORE_PACKAGE + "/") && n.endsWith(".class"))
                .forEach(n -> names.add(className(n)));
          }
        } else {
          Path dir = Path.of(url.toURI());
          Path classes = dir;
          for (String ignored : CORE_PACKAGE.split("/")) {
            classes = classes.getParent();
          }
          Path root = classes;
          try (Stream<Path> files = Files.walk(dir)) {
            files
                .filter(f -> f.toString().endsWith(".class"))
                .forEach(
                    f -> names.add(className(root.relativize(f).toString().replace('\\', '/'))));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return names;
  }

  private static String className(String resource) {
    return resource.substring(0, resource.length() - ".class".length()).replace('/', '.');
  }

  /** The settings of the given collectors, as flags, in declaration order. */
  static String settings(List<CollectorProvider> providers) {
    StringBuilder md =
        new StringBuilder("| flag | type | default | meaning |\n|---|---|---|---|\n");
    int rows = 0;
    for (CollectorProvider p : providers) {
      for (SettingSpec s : p.settings()) {
        md.append("| `--collector.")
            .append(p.name())
            .append('.')
            .append(s.name())
            .append("` | ")
            .append(s.type().label())
            .append(s.isList() ? " (list)" : "")
            .append(" | ")
            .append(s.defaultValue() == null ? "" : "`" + s.defaultValue() + "`")
            .append(" | ")
            .append(cell(s.help()))
            .append(range(s))
            .append(" |\n");
        rows++;
      }
    }
    return rows == 0 ? "None.\n" : md.toString();
  }

  /** One collector's families, in declaration order. */
  static String metrics(CollectorProvider provider) {
    StringBuilder md =
        new StringBuilder(
            "| family | type | labels | default | meaning |\n|---|---|---|---|---|\n");
    for (MetricSpec m : provider.metrics()) {
      md.append("| `")
          .append(m.name())
          .append("` | ")
          .append(type(m))
          .append(" | ")
          .append(labels(m))
          .append(" | ")
          .append(onOff(m))
          .append(" | ")
          .append(cell(m.help()))
          .append(" |\n");
    }
    return md.toString();
  }

  /** Every family, the core's and every collector's, by name, with who emits it. */
  static String allMetrics() {
    Map<String, Row> rows = new TreeMap<>();
    for (MetricSpec m : coreSpecs()) {
      rows.put(m.name(), new Row(m, "core", ""));
    }
    for (CollectorProvider p : products()) {
      String from = "[" + p.name() + "](collectors/" + p.name() + ".md)";
      for (MetricSpec m : p.metrics()) {
        String extras =
            m.extraLabelNames().isEmpty()
                ? ""
                : "; +" + String.join(", ", m.extraLabelNames()) + " (" + p.name() + ")";
        rows.merge(
            m.name(),
            new Row(m, from, extras),
            (a, b) -> new Row(a.spec(), a.from() + ", " + b.from(), a.extras() + b.extras()));
      }
    }
    StringBuilder md =
        new StringBuilder(
            "| family | type | labels | from | default | meaning |\n|---|---|---|---|---|---|\n");
    for (Row r : rows.values()) {
      MetricSpec m = r.spec();
      md.append("| `")
          .append(m.name())
          .append("` | ")
          .append(type(m))
          .append(" | ")
          .append(String.join(", ", m.labelNames()))
          .append(r.extras())
          .append(" | ")
          .append(r.from())
          .append(" | ")
          .append(onOff(m))
          .append(" | ")
          .append(cell(m.help()))
          .append(" |\n");
    }
    return md.toString();
  }

  /**
   * The labels, a collector's extra labels on a shared family marked as such: "source, device,
   * domain; +socket".
   */
  private static String labels(MetricSpec m) {
    String base = String.join(", ", m.labelNames());
    return m.extraLabelNames().isEmpty()
        ? base
        : base + "; +" + String.join(", ", m.extraLabelNames());
  }

  /** A setting's allowed range, as declared: " At least 10ms." */
  private static String range(SettingSpec s) {
    return (s.min() == null ? "" : " At least " + s.min() + ".")
        + (s.max() == null ? "" : " At most " + s.max() + ".");
  }

  private static String type(MetricSpec m) {
    return m.type().name().toLowerCase(Locale.ROOT);
  }

  private static String onOff(MetricSpec m) {
    return m.enabledByDefault() ? "on" : "off";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }

  /**
   * @param extras the extra labels collectors add, as "; +socket, die (rapl)"
   */
  private record Row(MetricSpec spec, String from, String extras) {}
}
