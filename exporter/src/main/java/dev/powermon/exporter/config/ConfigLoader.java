package dev.powermon.exporter.config;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.SettingType;
import dev.powermon.api.Settings;
import dev.powermon.net.BoundedYaml;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads the config file strictly: SnakeYAML's SafeConstructor limits (no global tags, few aliases,
 * shallow nesting, 1 MiB), duplicate and unknown keys refused, every collector setting type-checked
 * against its provider's declaration, every error located at file:line:column.
 */
public final class ConfigLoader {
  /** Keys every collector block accepts besides its own settings. */
  public static final String ENABLED = "enabled";

  public static final String DEADLINE = "deadline";

  private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

  private final Map<String, CollectorProvider> providers;

  public ConfigLoader(Map<String, CollectorProvider> providers) {
    this.providers = providers;
  }

  public FileConfig load(Path file) throws ConfigException {
    String name = file.toString();
    Node root;
    String text =
        String.join("\n", ConfigText.lines(file)) + "\n"; // bounded before SnakeYAML sees it
    try {
      root = BoundedYaml.parser((int) ConfigText.MAX_FILE_BYTES).compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      String where = m == null ? name : name + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1);
      throw new ConfigException(where + ": " + e.getProblem(), e);
    } catch (YAMLException e) {
      throw new ConfigException(name + ": " + e.getMessage(), e);
    }
    if (root == null) {
      return new FileConfig(file, null, null, null, null, null, Map.of(), new LinkedHashMap<>());
    }
    YamlSection top = new YamlSection(name, "", root);
    Optional<YamlSection> web = top.takeSection("web");
    Optional<YamlSection> log = top.takeSection("log");
    Map<String, CollectorSection> collectors = collectors(top.takeSection("collectors"));
    Map<String, Boolean> metrics = metrics(top.takeSection("metrics"));
    top.requireNoneLeft("web, log, collectors or metrics");

    String listen = null;
    String telemetry = null;
    String admin = null;
    if (web.isPresent()) {
      listen = web.get().takeScalar("listen-address").orElse(null);
      telemetry = web.get().takeScalar("telemetry-path").orElse(null);
      admin = web.get().takeScalar("admin-address").orElse(null);
      web.get().requireNoneLeft("listen-address, telemetry-path or admin-address");
    }
    String level = null;
    String format = null;
    if (log.isPresent()) {
      level = log.get().takeScalar("level").orElse(null);
      format = log.get().takeScalar("format").orElse(null);
      log.get().requireNoneLeft("level or format");
    }
    return new FileConfig(file, listen, telemetry, admin, level, format, collectors, metrics);
  }

  private Map<String, CollectorSection> collectors(Optional<YamlSection> section)
      throws ConfigException {
    Map<String, CollectorSection> out = new LinkedHashMap<>();
    if (section.isEmpty()) {
      return out;
    }
    YamlSection all = section.get();
    for (String name : all.remainingKeys()) {
      Node node = all.take(name).orElseThrow();
      CollectorProvider provider = providers.get(name);
      if (provider == null) {
        throw all.error(
            node, "unknown collector '" + name + "'; this build has " + providers.keySet());
      }
      out.put(name, collector(all, name, node, provider));
    }
    return out;
  }

  private CollectorSection collector(
      YamlSection parent, String name, Node node, CollectorProvider provider)
      throws ConfigException {
    Map<String, List<String>> settings = new LinkedHashMap<>();
    Settings parsed = Settings.parse(name, provider.settings(), Map.of());
    Boolean enabled = null;
    String deadline = null;
    if (YamlSection.isNull(node)) {
      return new CollectorSection(null, null, settings, parsed); // "rapl:" with nothing under it
    }
    YamlSection block = parent.child(name, node);
    for (String key : block.remainingKeys()) {
      Node value = block.take(key).orElseThrow();
      String what = block.qualified(key);
      if (key.equals(ENABLED)) {
        enabled = block.bool(value, what);
      } else if (key.equals(DEADLINE)) {
        deadline = block.scalar(value, what);
        try {
          SettingType.parseDuration(deadline);
        } catch (IllegalArgumentException e) {
          throw block.error(value, what + ": " + e.getMessage());
        }
      } else {
        List<String> text = setting(block, provider, key, value);
        settings.put(key, text);
        parsed = parsed.overlaidWith(parse(block, provider, key, text, value));
      }
    }
    return new CollectorSection(enabled, deadline, settings, parsed);
  }

  /**
   * Parses and checks one setting's values, the only time they are parsed; errors at the value's
   * line.
   */
  private static Settings parse(
      YamlSection block, CollectorProvider provider, String key, List<String> text, Node value)
      throws ConfigException {
    try {
      return Settings.parse(provider.name(), provider.settings(), Map.of(key, text));
    } catch (IllegalArgumentException e) {
      throw block.error(value, e.getMessage());
    }
  }

  private static List<String> setting(
      YamlSection block, CollectorProvider provider, String key, Node value)
      throws ConfigException {
    SettingSpec spec =
        provider.settings().stream().filter(s -> s.name().equals(key)).findFirst().orElse(null);
    if (spec == null) {
      throw block.error(
          value,
          "unknown key '"
              + block.qualified(key)
              + "'; "
              + provider.name()
              + " accepts "
              + ENABLED
              + ", "
              + DEADLINE
              + settingNames(provider));
    }
    return spec.isList()
        ? block.scalars(value, block.qualified(key))
        : List.of(block.scalar(value, block.qualified(key)));
  }

  private static String settingNames(CollectorProvider provider) {
    StringBuilder names = new StringBuilder();
    provider.settings().forEach(s -> names.append(", ").append(s.name()));
    return names.toString();
  }

  private static Map<String, Boolean> metrics(Optional<YamlSection> section)
      throws ConfigException {
    Map<String, Boolean> out = new LinkedHashMap<>();
    if (section.isEmpty()) {
      return out;
    }
    YamlSection table = section.get();
    for (String name : table.remainingKeys()) {
      Node value = table.take(name).orElseThrow();
      if (!METRIC_NAME.matcher(name).matches()) {
        throw table.error(value, "'" + name + "' is not a metric name");
      }
      out.put(name, table.bool(value, "metrics." + name));
    }
    return out;
  }
}
