package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every recording rule and alert has a promtool unit test, and every alert explains itself. */
class RuleCoverageTest {
  private final Set<String> records = new TreeSet<>();
  private final Set<String> alerts = new TreeSet<>();
  private final Set<String> testedExprs = new TreeSet<>();
  private final Set<String> testedAlerts = new TreeSet<>();

  RuleCoverageTest() throws IOException {
    for (Path f : Repo.files(Repo.prometheus().resolve("rules"), ".yml")) {
      for (Map<String, Object> group : list(load(f).get("groups"))) {
        for (Map<String, Object> rule : list(group.get("rules"))) {
          if (rule.containsKey("record")) records.add((String) rule.get("record"));
          if (rule.containsKey("alert")) alerts.add((String) rule.get("alert"));
        }
      }
    }
    for (Path f : Repo.files(Repo.prometheus().resolve("tests"), ".test.yml")) {
      for (Map<String, Object> test : list(load(f).get("tests"))) {
        list(test.get("promql_expr_test"))
            .forEach(t -> testedExprs.add(((String) t.get("expr")).strip()));
        list(test.get("alert_rule_test"))
            .forEach(t -> testedAlerts.add((String) t.get("alertname")));
      }
    }
  }

  @Test
  void everyRecordingRuleIsEvaluatedByATest() {
    assertThat(records).hasSize(24);
    assertThat(testedExprs).containsAll(records);
  }

  @Test
  void everyAlertIsExercisedByATest() {
    assertThat(alerts)
        .containsExactlyInAnyOrder(
            "PowermonHostHighPower",
            "PowermonPowerSpike",
            "PowermonExporterDown",
            "PowermonCollectorFailing",
            "PowermonRaplUnreadable",
            "PowermonKasaDeviceUnreachable",
            "PowermonJetsonInputOverBudget");
    assertThat(testedAlerts).containsAll(alerts);
  }

  @Test
  void everyAlertHasSeveritySummaryAndDescription() throws IOException {
    for (Map<String, Object> group :
        list(load(Repo.prometheus().resolve("rules/alerts.yml")).get("groups"))) {
      for (Map<String, Object> rule : list(group.get("rules"))) {
        Map<String, Object> labels = map(rule.get("labels"));
        Map<String, Object> annotations = map(rule.get("annotations"));
        assertThat(labels.get("severity"))
            .as(rule.get("alert") + " severity")
            .isIn("info", "warning", "critical");
        assertThat(annotations)
            .as(rule.get("alert") + " annotations")
            .containsKeys("summary", "description");
      }
    }
  }

  private static Map<String, Object> load(Path f) throws IOException {
    try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      return new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object o) {
    return o == null ? List.of() : (List<Map<String, Object>>) o;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return o == null ? Map.of() : (Map<String, Object>) o;
  }
}
