package dev.powermon.exporter.runtime;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One collector as the operator configured it: its settings (file overlaid with flags) and
 * deadline.
 *
 * @param rawSettings the settings as text, to tell on reload whether the collector must be reopened
 * @param named true when the operator asked for it, false when it was enabled because its probe
 *     passed
 */
public record CollectorPlan(
    CollectorProvider provider,
    Settings settings,
    Map<String, List<String>> rawSettings,
    Duration deadline,
    boolean named) {

  public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

  public String name() {
    return provider.name();
  }
}
