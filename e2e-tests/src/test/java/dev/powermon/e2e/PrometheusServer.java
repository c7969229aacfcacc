package dev.powermon.e2e;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * A real Prometheus (the Debian package's binary) with the shipped rules and a config derived
 * from monitoring/prometheus/prometheus.yml: the same powermon job, scraping one target every
 * second, storage and listener in the test's own directory.
 */
final class PrometheusServer implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final ChildProcess process;
  final PrometheusApi api;

  private PrometheusServer(ChildProcess process, PrometheusApi api) {
    this.process = process;
    this.api = api;
  }

  static PrometheusServer start(String target, Path dir) throws IOException, InterruptedException {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, derivedConfig(target), StandardCharsets.UTF_8);
    String listen = "127.0.0.1:" + FreePort.pick();
    ChildProcess process =
        ChildProcess.start(
            "prometheus",
            List.of(
                "prometheus",
                "--config.file=" + config,
                "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=" + listen),
            dir);
    PrometheusServer server = new PrometheusServer(process, new PrometheusApi(listen));
    Instant deadline = Instant.now().plus(START_TIMEOUT);
    while (!server.api.ready()) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        String tail = process.tail();
        server.close();
        throw new IllegalStateException("Prometheus did not become ready\n" + tail);
      }
      Thread.sleep(200);
    }
    return server;
  }

  /** The shipped prometheus.yml with its first job pointed at {@code target} and everything at 1 s. */
  @SuppressWarnings("unchecked")
  static String derivedConfig(String target) throws IOException {
    Path shipped = Repo.prometheus().resolve("prometheus.yml");
    Map<String, Object> config;
    try (Reader in = Files.newBufferedReader(shipped, StandardCharsets.UTF_8)) {
      config = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    Map<String, Object> global = (Map<String, Object>) config.get("global");
    global.put("scrape_interval", "1s");
    global.put("evaluation_interval", "1s");
    config.put(
        "rule_files",
        ((List<String>) config.get("rule_files"))
            .stream().map(f -> Repo.prometheus().resolve(f).toString()).toList());
    Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).get(0);
    job.remove("file_sd_configs");
    job.put("static_configs", List.of(Map.of("targets", List.of(target))));
    Map<String, Object> derived = new LinkedHashMap<>(config);
    derived.put("scrape_configs", List.of(job));
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(new Representer(options), options).dump(derived);
  }

  String log() {
    return process.tail();
  }

  @Override
  public void close() throws InterruptedException {
    process.close();
  }
}
