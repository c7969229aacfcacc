package dev.powermon.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Test configs derived from the shipped monitoring/prometheus/prometheus.yml, so the tests run what
 * users run: its rules, its jobs, only the targets and intervals changed (1 s).
 */
final class PrometheusConfig {
  private static final String KASA_JOB_START = "# - job_name: kasa";

  private PrometheusConfig() {}

  /** The shipped powermon job, scraping {@code targets}. */
  static String powermonJob(String... targets) throws IOException {
    Map<String, Object> config = shipped();
    config.put("scrape_configs", List.of(powermonJob(config, targets)));
    return dump(config);
  }

  /**
   * The shipped powermon job plus its commented-out Kasa job, uncommented as a user would: {@code
   * plugs} probed through powermon's /probe at {@code powermon}.
   */
  @SuppressWarnings("unchecked")
  static String withKasaProbeJob(String powermon, List<String> plugs) throws IOException {
    List<String> lines =
        Files.readAllLines(Repo.prometheus().resolve("prometheus.yml"), StandardCharsets.UTF_8);
    int start = lines.stream().map(String::strip).toList().indexOf(KASA_JOB_START);
    if (start < 0) {
      throw new IllegalStateException(
          "prometheus.yml has no commented '" + KASA_JOB_START + "' job");
    }
    String block =
        lines.subList(start, lines.size()).stream()
            .takeWhile(l -> l.strip().startsWith("#"))
            .map(l -> l.replaceFirst("# ?", ""))
            .collect(Collectors.joining("\n"));
    Map<String, Object> job = ((List<Map<String, Object>>) load(block)).get(0);
    job.put("static_configs", List.of(Map.of("targets", plugs)));
    for (Map<String, Object> relabel : (List<Map<String, Object>>) job.get("relabel_configs")) {
      if ("__address__".equals(relabel.get("target_label"))) {
        relabel.put("replacement", powermon);
      }
    }
    Map<String, Object> config = shipped();
    config.put("scrape_configs", List.of(powermonJob(config, powermon), job));
    return dump(config);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> powermonJob(Map<String, Object> config, String... targets) {
    Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).get(0);
    job.remove("file_sd_configs");
    job.put("static_configs", List.of(Map.of("targets", List.of(targets))));
    return job;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> shipped() throws IOException {
    Map<String, Object> config =
        (Map<String, Object>)
            load(
                Files.readString(
                    Repo.prometheus().resolve("prometheus.yml"), StandardCharsets.UTF_8));
    Map<String, Object> global = (Map<String, Object>) config.get("global");
    global.put("scrape_interval", "1s");
    global.put("evaluation_interval", "1s");
    config.put(
        "rule_files",
        ((List<String>) config.get("rule_files"))
            .stream().map(f -> Repo.prometheus().resolve(f).toString()).toList());
    return new LinkedHashMap<>(config);
  }

  private static Object load(String yaml) {
    return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
  }

  private static String dump(Map<String, Object> config) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(new Representer(options), options).dump(config);
  }
}
