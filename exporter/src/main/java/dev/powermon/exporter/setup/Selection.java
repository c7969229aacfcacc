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
 * Decides which collectors run and with what settings, with node_exporter's semantics. Per
 * collector, a flag beats the file. A collector is named by {@code --collector NAME}, {@code
 * --collector.NAME}, {@code enabled: true}, or by intent: any {@code --collector.NAME.*} setting or
 * a {@code collectors.NAME} block. Named collectors are added to the default set: every local
 * collector whose probe passes here. {@code --no-collector.NAME} or {@code enabled: false} removes
 * one; {@code --collector.disable-defaults} leaves only the named ones. A collector that sends
 * network traffic is never enabled unless named. A named collector runs even when its probe fails,
 * so the failure shows (success 0, the landing page, the probe's hint in the log).
 */
public final class Selection {
  private static final Logger LOG = LoggerFactory.getLogger(Selection.class);

  private Selection() {}

  /**
   * What was decided for one collector, and why: what {@code serve} runs and {@code collectors}
   * previews.
   *
   * @param plan the collector as configured, null when it does not run
   * @param probe the probe's answer when it was asked (collectors not named), else null
   */
  public record Decision(
      CollectorProvider provider, CollectorPlan plan, String why, ProbeResult probe) {
    public boolean runs() {
      return plan != null;
    }
  }

  /**
   * The collectors that run, in provider order.
   *
   * @param contexts makes the context a probe runs in, from the collector's name and settings
   * @throws OperatorError for a setting or deadline that does not parse
   */
  public static List<CollectorPlan> plans(
      Map<String, CollectorProvider> providers,
      FileConfig file,
      Invocation invocation,
      BiFunction<String, Settings, CollectorContext> contexts) {
    List<CollectorPlan> plans = new ArrayList<>();
    for (Decision d : decide(providers, file, invocation, contexts)) {
      if (d.runs()) {
        if (!d.plan().named()) {
          LOG.atInfo()
              .addKeyValue("collector", d.provider().name())
              .log("enabled because it can run here: {}", d.probe().detail());
        }
        plans.add(d.plan());
      } else if (d.probe() != null) {
        LOG.atDebug()
            .addKeyValue("collector", d.provider().name())
            .log("not enabled: {}", d.probe().detail());
      }
    }
    return plans;
  }

  /** One decision per provider, in provider order; probes only collectors that are not named. */
  public static List<Decision> decide(
      Map<String, CollectorProvider> providers,
      FileConfig file,
      Invocation invocation,
      BiFunction<String, Settings, CollectorContext> contexts) {
    Map<String, Boolean> explicit = new LinkedHashMap<>();
    // Intent counts as naming: a block in the file, or any --collector.NAME.* flag, asks for the
    // collector
    // as --collector NAME would, unless enabled: false or --no-collector.NAME says otherwise.
    file.collectors()
        .forEach(
            (name, section) -> explicit.put(name, section.enabled() == null || section.enabled()));
    invocation.settings().keySet().forEach(name -> explicit.putIfAbsent(name, true));
    invocation.deadlines().keySet().forEach(name -> explicit.putIfAbsent(name, true));
    explicit.putAll(invocation.enabled());

    List<Decision> decisions = new ArrayList<>();
    for (CollectorProvider p : providers.values()) {
      Boolean wanted = explicit.get(p.name());
      if (Boolean.FALSE.equals(wanted)) {
        decisions.add(
            new Decision(
                p, null, "turned off (--no-collector." + p.name() + " or enabled: false)", null));
      } else if (Boolean.TRUE.equals(wanted)) {
        decisions.add(new Decision(p, plan(p, file, invocation, true), "named", null));
      } else if (invocation.options().disableDefaults) {
        decisions.add(new Decision(p, null, "not named, and --collector.disable-defaults", null));
      } else if (p.onlyWhenNamed()) {
        String why = p.networked() ? "it sends network traffic" : "it runs only when named";
        decisions.add(new Decision(p, null, "not named: " + why, null));
      } else {
        CollectorPlan plan = plan(p, file, invocation, false);
        ProbeResult probe = p.probe(contexts.apply(p.name(), plan.settings()));
        decisions.add(
            probe.isAvailable()
                ? new Decision(p, plan, "by default: it can run here", probe)
                : new Decision(p, null, "by default, but it cannot run here", probe));
      }
    }
    return decisions;
  }

  /**
   * The collector's settings as text: the file's, with each setting given as a flag replacing it.
   */
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
   * The collector's settings: the file's overlaid with the flags', both parsed when they were read
   * (so a bad value was reported at file:line:column or as the flag typed); nothing is parsed again
   * here.
   */
  public static Settings settings(CollectorProvider p, FileConfig file, Invocation inv) {
    CollectorSection section = file.collectors().get(p.name());
    Settings fromFile =
        section != null ? section.parsed() : Settings.parse(p.name(), p.settings(), Map.of());
    Settings fromFlags = inv.parsed().get(p.name());
    return fromFlags == null ? fromFile : fromFile.overlaidWith(fromFlags);
  }

  private static CollectorPlan plan(
      CollectorProvider p, FileConfig file, Invocation inv, boolean named) {
    Map<String, List<String>> raw = rawSettings(p.name(), file, inv);
    CollectorSection section = file.collectors().get(p.name());
    Settings settings = settings(p, file, inv);
    String deadlineText = inv.deadlines().get(p.name());
    if (deadlineText == null && section != null) {
      deadlineText = section.deadline();
    }
    // An error names what the operator wrote: the flag as typed, else the file's key.
    String what =
        inv.deadlines().containsKey(p.name())
            ? "--collector." + p.name() + ".deadline"
            : "collectors." + p.name() + ".deadline";
    Duration deadline =
        deadlineText == null
            ? CollectorPlan.DEFAULT_DEADLINE
            : Durations.positive(what, deadlineText);
    return new CollectorPlan(p, settings, raw, deadline, named);
  }
}
