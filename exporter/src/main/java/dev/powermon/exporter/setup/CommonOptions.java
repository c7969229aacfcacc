package dev.powermon.exporter.setup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Options every command takes. Null means "not given": the config file or the built-in default
 * applies.
 */
public final class CommonOptions {
  static final String LISTEN_DEFAULT = ":9100";
  static final String TELEMETRY_DEFAULT = "/metrics";
  static final String ADMIN_DEFAULT = "127.0.0.1:9101";

  @Option(
      names = "--collector",
      split = ",",
      paramLabel = "NAME",
      description =
          "Enable a collector, in addition to every local collector whose probe passes here; repeatable or a comma list.")
  public List<String> collectors = new ArrayList<>();

  @Option(
      names = "--collector.disable-defaults",
      description =
          "Run only the collectors named; without it, named collectors add to those enabled by default.")
  boolean disableDefaults;

  @Option(
      names = "--config.file",
      paramLabel = "FILE",
      description = "YAML config file (collectors, metric table, web, log).")
  Path configFile;

  /** {@code --config.file}, or null. */
  public Path configFile() {
    return configFile;
  }

  /**
   * The container image sets the address through the variable, so its HEALTHCHECK reads the same
   * one.
   */
  @Option(
      names = "--web.listen-address",
      paramLabel = "ADDR",
      defaultValue = "${env:POWERMON_WEB_LISTEN_ADDRESS}",
      description =
          "Where to serve metrics (default: $POWERMON_WEB_LISTEN_ADDRESS, else "
              + LISTEN_DEFAULT
              + ").")
  String listenAddress;

  @Option(
      names = "--web.telemetry-path",
      paramLabel = "PATH",
      description = "Path of the metrics (default: " + TELEMETRY_DEFAULT + ").")
  String telemetryPath;

  @Option(
      names = "--web.max-requests",
      paramLabel = "N",
      description =
          "Scrapes waiting for a collection; more get 503 at once. 0: no limit (default: 40).")
  Integer maxRequests;

  @Option(
      names = "--web.config.file",
      paramLabel = "FILE",
      description =
          "Web config (TLS, basic auth, headers) in the exporter-toolkit's format, as node_exporter takes it.")
  Path webConfigFile;

  @Option(
      names = "--web.admin.config.file",
      paramLabel = "FILE",
      description = "Web config of the admin API (default: the --web.config.file).")
  Path adminWebConfigFile;

  @Option(
      names = "--web.admin-address",
      paramLabel = "ADDR",
      description = "Where the admin API listens, or 'off' (default: " + ADMIN_DEFAULT + ").")
  String adminAddress;

  @Option(
      names = "--log.level",
      paramLabel = "LEVEL",
      description = "debug, info, warn or error (default: info).")
  String logLevel;

  @Option(
      names = "--log.format",
      paramLabel = "FORMAT",
      description = "logfmt or json (default: logfmt).")
  String logFormat;

  /**
   * These options (given before a subcommand) with {@code later}'s (given after it) laid over them:
   * a value given later wins, collectors named anywhere add up, {@code
   * --collector.disable-defaults} anywhere counts.
   */
  public CommonOptions overlaidWith(CommonOptions later) {
    CommonOptions both = new CommonOptions();
    both.collectors = new ArrayList<>(collectors);
    both.collectors.addAll(later.collectors);
    both.disableDefaults = disableDefaults || later.disableDefaults;
    both.configFile = later.configFile != null ? later.configFile : configFile;
    both.listenAddress = later.listenAddress != null ? later.listenAddress : listenAddress;
    both.telemetryPath = later.telemetryPath != null ? later.telemetryPath : telemetryPath;
    both.adminAddress = later.adminAddress != null ? later.adminAddress : adminAddress;
    both.logLevel = later.logLevel != null ? later.logLevel : logLevel;
    both.logFormat = later.logFormat != null ? later.logFormat : logFormat;
    return both;
  }
}
