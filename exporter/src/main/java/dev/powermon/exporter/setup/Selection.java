package dev.powermon.exporter.setup;

import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.Settings;
import dev.powermon.exporter.config.CollectorSection;
import dev.powermon.exporter.config.FileConfig;
import dev.powermon.exporter.runtime.CollectorPlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which collectors run and with what settings. Per collector, a flag beats the file. A collector is
 * named by {@code --collector NAME}, {@code enabled: true}, or by intent: any {@code --collector.NAME.*}
 * setting or a {@code collectors.NAME} block. A named collector runs even when its probe fails, so the
 * failure shows (success 0, the landing page, the probe's hint in the log). When no collector is named
 * anywhere, every local collector whose probe passes is enabled, so a first run shows real data; a
 * collector that sends network traffic is never enabled unless named.
 */
public final class Selection {
  private static final Logger LOG = LoggerFactory.getLogger(Selection.class);

  private Selection() {}

  /**
   * @param contexts makes the context a probe runs in, from the collector's name and settings
   * @throws OperatorError for a setting or deadline that does not parse
   */
  public static List<CollectorPlan> plans(
      Map<String, CollectorProvider> providers,
      FileConfig file,
      Invocation invocation,
      BiFunction<String, Settings, CollectorContext> contexts) {
    Map<String, Boolean> explicit = new LinkedHashMap<>();
    // Intent counts as naming: a block in the file, or any --collector.NAME.* flag, asks for the collector
    // as --collector NAME would, unless enabled: false or --no-collector.NAME says otherwise.
    file.collectors().forEach((name, section) ->
        explicit.put(name, section.enabled() == null || section.enabled()));
    invocation.settings().keySet().forEach(name -> explicit.putIfAbsent(name, true));
    invocation.deadlines().keySet().forEach(name -> explicit.putIfAbsent(name, true));
    explicit.putAll(invocation.enabled());
    boolean anyNamed = explicit.containsValue(Boolean.TRUE);

    List<CollectorPlan> plans = new ArrayList<>();
    for (CollectorProvider p : providers.values()) {
      Boolean wanted = explicit.get(p.name());
      if (Boolean.FALSE.equals(wanted)) {
        continue;
      }
      boolean named = Boolean.TRUE.equals(wanted);
      if (!named && (anyNamed || invocation.options().disableDefaults || p.networked())) {
        continue;
      }
      CollectorPlan plan = plan(p, file, invocation, named);
      if (!named) {
        ProbeResult probe = p.probe(contexts.apply(p.name(), plan.settings()));
        if (!probe.isAvailable()) {
          LOG.atDebug().addKeyValue("collector", p.name()).log("not enabled: {}", probe.detail());
          continue;
        }
        LOG.atInfo().addKeyValue("collector", p.name()).log("enabled because it can run here: {}", probe.detail());
      }
      plans.add(plan);
    }
    return plans;
  }

  /** The collector's settings as text: the file's, with each setting given as a flag replacing it. */
  static Map<String, List<String>> rawSettings(String collector, FileConfig file, Invocation inv) {
    Map<String, List<String>> raw = new LinkedHashMap<>();
    CollectorSection section = file.collectors().get(collector);
    if (section != null) {
      raw.putAll(section.settings());
    }
    raw.putAll(inv.settings().getOrDefault(collector, Map.of()));
    return raw;
  }

  /**
   * The collector's settings: the file's overlaid with the flags', both parsed when they were read (so a
   * bad value was reported at file:line:column or as the flag typed); nothing is parsed again here.
   */
  public static Settings settings(CollectorProvider p, FileConfig file, Invocation inv) {
    CollectorSection section = file.collectors().get(p.name());
    Settings fromFile = section != null ? section.parsed() : Settings.parse(p.name(), p.settings(), Map.of());
    Settings fromFlags = inv.parsed().get(p.name());
    return fromFlags == null ? fromFile : fromFile.overlaidWith(fromFlags);
  }

  private static CollectorPlan plan(CollectorProvider p, FileConfig file, Invocation inv, boolean named) {
    Map<String, List<String>> raw = rawSettings(p.name(), file, inv);
    CollectorSection section = file.collectors().get(p.name());
    Settings settings = settings(p, file, inv);
    String deadlineText = inv.deadlines().get(p.name());
    if (deadlineText == null && section != null) {
      deadlineText = section.deadline();
    }
    Duration deadline = deadlineText == null
        ? CollectorPlan.DEFAULT_DEADLINE
        : Durations.positive("collectors." + p.name() + ".deadline", deadlineText);
    return new CollectorPlan(p, settings, raw, deadline, named);
  }
}
