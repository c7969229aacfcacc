package dev.powermon.exporter.setup;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.config.ConfigException;
import dev.powermon.exporter.config.ConfigLoader;
import dev.powermon.exporter.config.FileConfig;
import dev.powermon.exporter.push.PushConfig;
import dev.powermon.exporter.web.ListenAddress;
import dev.powermon.exporter.web.WebServer;
import java.nio.file.Path;
import java.util.Map;

/**
 * The command line and the config file, resolved: flags first, then the file, then the defaults.
 */
public record Setup(
    Map<String, CollectorProvider> providers,
    Invocation invocation,
    FileConfig file,
    PushOptions push) {

  /**
   * Loads {@code --config.file} if given; a broken file is an operator error. Nothing is pushed.
   */
  public static Setup load(Map<String, CollectorProvider> providers, Invocation invocation) {
    return new Setup(providers, invocation, loadFile(providers, invocation), new PushOptions());
  }

  /** With {@code powermon}'s push flags. */
  public Setup withPush(PushOptions options) {
    return new Setup(providers, invocation, file, options);
  }

  /** Where to push, checked; {@code hostname} is the default instance label. */
  public PushConfig pushConfig(String hostname) {
    return push.config(hostname);
  }

  /** Reads the config file again, for a reload. */
  public FileConfig reloadFile() throws ConfigException {
    return invocation.options().configFile == null
        ? FileConfig.none()
        : new ConfigLoader(providers).load(invocation.options().configFile);
  }

  public Setup withFile(FileConfig newFile) {
    return new Setup(providers, invocation, newFile, push);
  }

  public ListenAddress listenAddress() {
    return address(
        "--web.listen-address",
        pick(
            invocation.options().listenAddress,
            file.listenAddress(),
            CommonOptions.LISTEN_DEFAULT));
  }

  /** The admin listener, or null when it is {@code off}. */
  public ListenAddress adminAddress() {
    String text =
        pick(invocation.options().adminAddress, file.adminAddress(), CommonOptions.ADMIN_DEFAULT);
    return text.equals("off") ? null : address("--web.admin-address", text);
  }

  /** {@code --web.config.file}, or null. */
  public Path webConfigFile() {
    return invocation.options().webConfigFile;
  }

  /** {@code --web.admin.config.file}, by default the {@code --web.config.file}; null for none. */
  public Path adminWebConfigFile() {
    return invocation.options().adminWebConfigFile != null
        ? invocation.options().adminWebConfigFile
        : invocation.options().webConfigFile;
  }

  /** {@code --web.max-requests}: scrapes waiting for a collection at once, 0 for no limit. */
  public int maxRequests() {
    Integer n = invocation.options().maxRequests;
    if (n == null) {
      return WebServer.DEFAULT_MAX_REQUESTS;
    }
    if (n < 0) {
      throw new OperatorError("--web.max-requests: must be 0 (no limit) or more, got " + n);
    }
    return n;
  }

  public String telemetryPath() {
    String path =
        pick(
            invocation.options().telemetryPath,
            file.telemetryPath(),
            CommonOptions.TELEMETRY_DEFAULT);
    if (!path.startsWith("/") || path.equals("/")) {
      throw new OperatorError(
          "--web.telemetry-path: '" + path + "' must start with / and not be / itself");
    }
    return path;
  }

  public String logLevel() {
    return pick(invocation.options().logLevel, file.logLevel(), "info");
  }

  public String logFormat() {
    return pick(invocation.options().logFormat, file.logFormat(), "logfmt");
  }

  private static FileConfig loadFile(
      Map<String, CollectorProvider> providers, Invocation invocation) {
    if (invocation.options().configFile == null) {
      return FileConfig.none();
    }
    try {
      return new ConfigLoader(providers).load(invocation.options().configFile);
    } catch (ConfigException e) {
      throw new OperatorError(e.getMessage());
    }
  }

  private static ListenAddress address(String flag, String text) {
    try {
      return ListenAddress.parse(flag, text);
    } catch (IllegalArgumentException e) {
      throw new OperatorError(e.getMessage());
    }
  }

  private static String pick(String flag, String file, String fallback) {
    return flag != null ? flag : file != null ? file : fallback;
  }
}
