package dev.powermon.exporter.push;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Pushgateway: every interval one PUT of the whole exposition to the group {@code
 * /metrics/job/powermon/instance/<instance>}, replacing the last. It keeps only the latest state,
 * so a failed push is not queued or retried: the next interval's replaces it. Runs on its own
 * thread; a push still under way when the next interval comes makes that interval skip.
 */
final class GatewayTarget {
  private static final Logger LOG = LoggerFactory.getLogger(GatewayTarget.class);
  private static final Map<String, String> HEADERS =
      Map.of("Content-Type", PrometheusTextFormatWriter.CONTENT_TYPE);

  private final HttpPush http;
  private final TargetStats stats;
  private final Clock clock;
  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "powermon-pushgateway");
            t.setDaemon(true);
            return t;
          });
  private Future<?> running;
  private String failing;

  GatewayTarget(HttpPush http, TargetStats stats, Clock clock) {
    this.http = http;
    this.stats = stats;
    this.clock = clock;
  }

  /**
   * The group's URL: the instance goes base64-encoded when it holds a slash, as the Pushgateway
   * requires.
   */
  static URI groupUrl(URI base, String instance) {
    String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    String group =
        instance.contains("/")
            ? "/instance@base64/"
                + Base64.getUrlEncoder().encodeToString(instance.getBytes(StandardCharsets.UTF_8))
            : "/instance" + quoted("/" + instance);
    return URI.create(
        base.getScheme()
            + "://"
            + base.getRawAuthority()
            + path
            + "/metrics/job/"
            + PushConfig.JOB
            + group);
  }

  /** {@code path} with what a URI path may not hold (space, ?, #, %) percent-encoded. */
  private static String quoted(String path) {
    try {
      return new URI(null, null, path, null).getRawPath();
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(e);
    }
  }

  TargetStats stats() {
    return stats;
  }

  synchronized void push(MetricSnapshots snapshots) {
    if (running == null || running.isDone()) {
      running = thread.submit(() -> send(snapshots));
    }
  }

  /** Lets a push under way finish within {@code millis}, then stops. */
  void close(long millis) throws InterruptedException {
    thread.shutdown();
    if (!thread.awaitTermination(millis, TimeUnit.MILLISECONDS)) {
      thread.shutdownNow();
    }
  }

  private void send(MetricSnapshots snapshots) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      PrometheusTextFormatWriter.create()
          .write(body, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
      Sender.Response response = http.send("PUT", null, body.toByteArray(), HEADERS);
      if (response.status() >= 200 && response.status() < 300) {
        stats.sent(samples(snapshots), clock.millis());
        if (failing != null) {
          LOG.atInfo().addKeyValue("target", stats.target()).log("push works again");
          failing = null;
        }
        return;
      }
      stats.failed(String.valueOf(response.status()));
      if (response.status() < 500 && response.status() != 429) {
        stats.dropped(TargetStats.REJECTED, samples(snapshots));
      }
      failed("HTTP " + response.status() + ": " + response.firstLine());
    } catch (IOException e) {
      stats.failed(e instanceof java.net.http.HttpTimeoutException ? "timeout" : "connection");
      failed(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Logged when the reason changes, not at every interval. */
  private void failed(String why) {
    if (!why.equals(failing)) {
      LOG.atWarn()
          .addKeyValue("target", stats.target())
          .log("push to the Pushgateway failed, the next interval" + " replaces it: {}", why);
      failing = why;
    }
  }

  private static int samples(MetricSnapshots snapshots) {
    int n = 0;
    for (MetricSnapshot s : snapshots) {
      n += s.getDataPoints().size();
    }
    return n;
  }
}
