package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard rules of the README's Monitoring section, checked on the JSON without a Grafana.
 */
class DashboardLintTest {
  /** Stable uids: links and bookmarks to the dashboards survive updates. */
  private static final Map<String, String> UIDS =
      Map.of(
          "fleet-power.json", "powermon-fleet",
          "kasa-devices.json", "powermon-kasa",
          "jetson.json", "powermon-jetson",
          "energy-cost.json", "powermon-energy",
          "meters-ups.json", "powermon-meters",
          "board-sensors.json", "powermon-board",
          "processes.json", "powermon-processes");

  private static final String DATASOURCE = "${datasource}";

  /**
   * Series of the process collector's groups, raw or recorded. Each grouping (group_by) shares out
   * the same joules, so a query that does not pick one counts the match groups twice.
   */
  private static final Pattern PROCESS_GROUPS =
      Pattern.compile(
          "\\b(powermon_process_(?:power_watts|energy_joules_total|cpu_seconds_total)"
              + "|group:powermon_process_energy_kwh:increase1d)(?![\\w:])(\\{[^}]*})?");

  private static final Pattern RATE_RANGE =
      Pattern.compile("\\b(?:rate|irate)\\([^\\[]*\\[([^\\]]*)\\]");

  @Test
  void uidsAreStableAndNoImportPlaceholdersAreUsed() throws IOException {
    List<Dashboard> dashboards = Dashboard.all();
    assertThat(dashboards)
        .extracting(d -> d.file().getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(UIDS.keySet());
    for (Dashboard d : dashboards) {
      assertThat(d.uid())
          .as(d.file().toString())
          .isEqualTo(UIDS.get(d.file().getFileName().toString()));
      String text = Files.readString(d.file());
      // ${DS_...} and __inputs are filled only by Grafana's interactive import, never by
      // provisioning.
      assertThat(text).as(d.file().toString()).doesNotContain("${DS_").doesNotContain("__inputs");
      assertThat(d.json().path("id").isMissingNode() || d.json().path("id").isNull()).isTrue();
    }
  }

  @Test
  void everyDashboardHasTheDatasourceJobAndInstanceVariables() {
    for (Dashboard d : Dashboard.all()) {
      assertThat(d.variables())
          .as(d.title())
          .extracting(Dashboard.Variable::name)
          .startsWith("datasource", "job", "instance");
      Dashboard.Variable ds = d.variables().get(0);
      assertThat(ds.type()).isEqualTo("datasource");
      assertThat(ds.json().path("query").asText()).isEqualTo("prometheus");
      for (Dashboard.Variable v : d.variables().subList(1, d.variables().size())) {
        assertThat(v.json().path("datasource").path("uid").asText())
            .as(d.title() + " " + v.name())
            .isEqualTo(DATASOURCE);
        assertThat(v.json().path("multi").asBoolean())
            .as(d.title() + " " + v.name() + " multi")
            .isTrue();
        assertThat(v.json().path("allValue").asText())
            .as(d.title() + " " + v.name() + " allValue")
            .isEqualTo(".+");
      }
    }
  }

  @Test
  void everyPanelHasTitleDescriptionUnitAndTheDatasourceVariable() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : Dashboard.all()) {
      assertThat(d.panels()).as(d.title()).isNotEmpty();
      for (Dashboard.Panel p : d.panels()) {
        String where = d.title() + " / " + p.title();
        if (p.title().isBlank()) problems.add(d.title() + ": a panel without title");
        if (p.json().path("description").asText("").isBlank())
          problems.add(where + ": no description");
        if (p.unit().isBlank()) problems.add(where + ": no unit");
        if (!DATASOURCE.equals(p.json().path("datasource").path("uid").asText()))
          problems.add(where + ": datasource");
        if (p.targets().isEmpty()) problems.add(where + ": no query");
        for (Dashboard.Target t : p.targets()) {
          if (!DATASOURCE.equals(t.json().path("datasource").path("uid").asText())) {
            problems.add(where + " " + t.refId() + ": datasource");
          }
          if (t.expr().isBlank()) problems.add(where + " " + t.refId() + ": empty expr");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void ratesUseRateIntervalAndEveryQueryFollowsTheInstanceVariable() {
    List<String> problems = new ArrayList<>();
    for (Dashboard d : Dashboard.all()) {
      for (Dashboard.Panel p : d.panels()) {
        for (Dashboard.Target t : p.targets()) {
          String where = d.title() + " / " + p.title() + " " + t.refId();
          Matcher m = RATE_RANGE.matcher(t.expr());
          while (m.find()) {
            if (!"$__rate_interval".equals(m.group(1)))
              problems.add(where + ": rate over [" + m.group(1) + "]");
          }
          // The one exception reads a setting, not a host: the recorded electricity price.
          if (!t.expr().contains("instance=~\"$instance\"")
              && !t.expr().equals("powermon:electricity_price_per_kwh")) {
            problems.add(where + ": does not filter on $instance");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void everyQueryOfProcessGroupsPicksOneGrouping() {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Dashboard d : Dashboard.all()) {
      for (Dashboard.Panel p : d.panels()) {
        for (Dashboard.Target t : p.targets()) {
          Matcher m = PROCESS_GROUPS.matcher(t.expr());
          while (m.find()) {
            checked++;
            String labels = m.group(2) == null ? "" : m.group(2);
            if (!labels.contains("group_by=\"") && !labels.contains("group_by!=\"match\"")) {
              problems.add(
                  d.title()
                      + " / "
                      + p.title()
                      + " "
                      + t.refId()
                      + ": "
                      + m.group()
                      + " mixes groupings");
            }
          }
        }
      }
    }
    assertThat(checked).as("selectors of process groups").isGreaterThan(10);
    assertThat(problems).isEmpty();
  }
}
