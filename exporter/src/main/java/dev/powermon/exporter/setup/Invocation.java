package dev.powermon.exporter.setup;

import dev.powermon.api.Settings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the command line said about collectors, after picocli parsed it.
 *
 * @param enabled collector name to true (named or {@code --collector.NAME}) or false ({@code
 *     --no-collector.NAME})
 * @param settings collector name to the settings given as flags (replacing the file's values)
 * @param deadlines collector name to {@code --collector.NAME.deadline}
 * @param parsed collector name to the settings given as flags, parsed and checked once
 */
public record Invocation(
    CommonOptions options,
    Map<String, Boolean> enabled,
    Map<String, Map<String, List<String>>> settings,
    Map<String, String> deadlines,
    Map<String, Settings> parsed) {

  public static Invocation of(CommonOptions options) {
    return new Invocation(
        options,
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>(),
        new LinkedHashMap<>());
  }
}
