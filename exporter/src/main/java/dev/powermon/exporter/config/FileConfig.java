package dev.powermon.exporter.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a config file says. Absent values are null: flags and built-in defaults fill them in.
 *
 * @param path the file, or null when powermon runs without one
 * @param metrics the metric table, family name to enabled, in file order
 */
public record FileConfig(
    Path path,
    String listenAddress,
    String telemetryPath,
    String adminAddress,
    String logLevel,
    String logFormat,
    Map<String, CollectorSection> collectors,
    Map<String, Boolean> metrics) {

  /** No file: everything from flags and defaults. */
  public static FileConfig none() {
    return new FileConfig(null, null, null, null, null, null, Map.of(), new LinkedHashMap<>());
  }
}
