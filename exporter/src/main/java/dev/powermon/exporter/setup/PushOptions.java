package dev.powermon.exporter.setup;

import dev.powermon.exporter.push.PushConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code powermon}'s push flags, turned into a checked {@link PushConfig}. Secrets come only from
 * files.
 */
public final class PushOptions {
  /**
   * Headers the protocol or the credential flags own; setting them by hand would break or leak
   * something.
   */
  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "authorization",
          "content-encoding",
          "content-type",
          "content-length",
          "user-agent",
          "x-prometheus-remote-write-version",
          "host",
          "connection",
          "expect",
          "upgrade");

  @Option(
      names = "--push.remote-write.url",
      paramLabel = "URL",
      description =
          "Push every sample with Prometheus remote-write 1.0 to this receiver; repeatable.")
  List<String> remoteWriteUrls = new ArrayList<>();

  @Option(
      names = "--push.interval",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "How often the regular series are collected and pushed (default: ${DEFAULT-VALUE}).")
  String interval = "10s";

  @Option(
      names = "--push.remote-write.header",
      paramLabel = "NAME=VALUE",
      description =
          "Extra request header for remote-write (a tenant id, for example); repeatable. Not for credentials.")
  List<String> headers = new ArrayList<>();

  @Option(
      names = "--push.remote-write.bearer-token-file",
      paramLabel = "FILE",
      description = "File holding the bearer token for remote-write, read at every push.")
  Path bearerTokenFile;

  @Option(
      names = "--push.remote-write.basic-auth-user",
      paramLabel = "USER",
      description =
          "Basic-auth user for remote-write; the password comes from --push.remote-write.basic-auth-password-file.")
  String basicUser;

  @Option(
      names = "--push.remote-write.basic-auth-password-file",
      paramLabel = "FILE",
      description = "File holding the basic-auth password for remote-write, read at every push.")
  Path basicPasswordFile;

  @Option(
      names = "--push.instance",
      paramLabel = "NAME",
      description = "The instance label of pushed series (default: this host's name).")
  String instance;

  @Option(
      names = "--push.queue-samples",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Samples each push target keeps while its receiver is away; the oldest go first (default: ${DEFAULT-VALUE}).")
  int queueSamples = 100000;

  @Option(
      names = "--push.timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "Deadline of one push request, connecting included (default: ${DEFAULT-VALUE}).")
  String timeout = "10s";

  @Option(
      names = "--push.influx.url",
      paramLabel = "URL",
      description =
          "Push the power readings in InfluxDB line protocol to this InfluxDB v2 (or compatible) server.")
  String influxUrl;

  @Option(
      names = "--push.influx.org",
      paramLabel = "ORG",
      description = "InfluxDB organization to write to.")
  String influxOrg;

  @Option(
      names = "--push.influx.bucket",
      paramLabel = "BUCKET",
      description = "InfluxDB bucket to write to.")
  String influxBucket;

  @Option(
      names = "--push.influx.token-file",
      paramLabel = "FILE",
      description =
          "File holding the InfluxDB API token, read at every push (never the environment: /proc/PID/environ shows it).")
  Path influxTokenFile;

  @Option(
      names = "--push.pushgateway.url",
      paramLabel = "URL",
      description =
          "Replace the group job=powermon, instance=<instance> on this Pushgateway every interval.")
  String pushgatewayUrl;

  /** The checked configuration; {@code hostname} is the default instance. */
  PushConfig config(String hostname) {
    Duration every = Durations.positive("--push.interval", interval);
    Duration requestTimeout = Durations.positive("--push.timeout", timeout);
    if (queueSamples < 1) {
      throw new OperatorError("--push.queue-samples: must be at least 1, got " + queueSamples);
    }
    if (bearerTokenFile != null && (basicUser != null || basicPasswordFile != null)) {
      throw new OperatorError(
          "--push.remote-write.bearer-token-file and basic auth exclude each other; choose one");
    }
    if ((basicUser == null) != (basicPasswordFile == null)) {
      throw new OperatorError(
          "--push.remote-write.basic-auth-user and --push.remote-write.basic-auth-password-file"
              + " go together");
    }
    readable("--push.remote-write.bearer-token-file", bearerTokenFile);
    readable("--push.remote-write.basic-auth-password-file", basicPasswordFile);
    List<URI> urls = new ArrayList<>();
    for (String url : remoteWriteUrls) {
      urls.add(HttpUrl.parse("--push.remote-write.url", url));
    }
    String instanceLabel = instance == null ? hostname : instance;
    if (instanceLabel.isBlank()) {
      throw new OperatorError("--push.instance: must not be empty");
    }
    return new PushConfig(
        urls,
        every,
        headers(),
        bearerTokenFile,
        basicUser,
        basicPasswordFile,
        instanceLabel,
        queueSamples,
        requestTimeout,
        influx(),
        pushgatewayUrl == null ? null : HttpUrl.parse("--push.pushgateway.url", pushgatewayUrl));
  }

  private PushConfig.Influx influx() {
    if (influxUrl == null) {
      if (influxOrg != null || influxBucket != null || influxTokenFile != null) {
        throw new OperatorError(
            "--push.influx.org, --push.influx.bucket and --push.influx.token-file need --push.influx.url");
      }
      return null;
    }
    if (influxOrg == null
        || influxOrg.isBlank()
        || influxBucket == null
        || influxBucket.isBlank()) {
      throw new OperatorError("--push.influx.url needs --push.influx.org and --push.influx.bucket");
    }
    readable("--push.influx.token-file", influxTokenFile);
    URI base = HttpUrl.parse("--push.influx.url", influxUrl);
    String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    URI write =
        URI.create(base.getScheme() + "://" + base.getRawAuthority() + path + "/api/v2/write");
    return new PushConfig.Influx(write, influxOrg, influxBucket, influxTokenFile);
  }

  private Map<String, String> headers() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String header : headers) {
      int eq = header.indexOf('=');
      String name = eq < 0 ? "" : header.substring(0, eq).trim();
      if (name.isEmpty() || !name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
        throw new OperatorError(
            "--push.remote-write.header: '"
                + name
                + "' is not NAME=VALUE with a valid header name");
      }
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw new OperatorError(
            "--push.remote-write.header: "
                + name
                + " is set by powermon itself"
                + (name.equalsIgnoreCase("authorization")
                    ? "; use --push.remote-write.bearer-token-file or basic auth"
                    : ""));
      }
      out.put(name, header.substring(eq + 1).trim());
    }
    return out;
  }

  private static void readable(String flag, Path file) {
    if (file != null && !Files.isReadable(file)) {
      throw new OperatorError(flag + ": cannot read " + file);
    }
  }
}
