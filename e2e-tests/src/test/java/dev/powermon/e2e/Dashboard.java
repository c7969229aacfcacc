package dev.powermon.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A Grafana dashboard JSON file, reduced to what the tests check: panels, queries, variables. */
record Dashboard(Path file, JsonNode json, List<Panel> panels, List<Variable> variables) {
  /** A query of a panel. */
  record Target(String refId, String expr, JsonNode json) {}

  /** A panel that shows data (rows are left out, their nested panels kept). */
  record Panel(String title, String type, JsonNode json, List<Target> targets) {
    String unit() {
      return json.path("fieldConfig").path("defaults").path("unit").asText("");
    }
  }

  /** A template variable; {@code query} is empty for types without one (datasource). */
  record Variable(String name, String type, String query, JsonNode json) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Dashboard> all() {
    return Repo.files(Repo.dashboards(), ".json").stream().map(Dashboard::load).toList();
  }

  static Dashboard load(Path file) {
    try {
      JsonNode json = JSON.readTree(file.toFile());
      List<Panel> panels = new ArrayList<>();
      collectPanels(json.path("panels"), panels);
      List<Variable> variables = new ArrayList<>();
      for (JsonNode v : json.path("templating").path("list")) {
        JsonNode q = v.path("query");
        String query = q.isObject() ? q.path("query").asText("") : q.asText("");
        variables.add(new Variable(v.path("name").asText(), v.path("type").asText(), query, v));
      }
      return new Dashboard(file, json, List.copyOf(panels), List.copyOf(variables));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read dashboard " + file, e);
    }
  }

  private static void collectPanels(JsonNode list, List<Panel> out) {
    for (JsonNode p : list) {
      if ("row".equals(p.path("type").asText())) {
        collectPanels(p.path("panels"), out);
        continue;
      }
      List<Target> targets = new ArrayList<>();
      for (JsonNode t : p.path("targets")) {
        targets.add(new Target(t.path("refId").asText(), t.path("expr").asText(""), t));
      }
      out.add(
          new Panel(p.path("title").asText(""), p.path("type").asText(), p, List.copyOf(targets)));
    }
  }

  String title() {
    return json.path("title").asText();
  }

  String uid() {
    return json.path("uid").asText();
  }

  int expressionCount() {
    return panels.stream().mapToInt(p -> p.targets().size()).sum();
  }
}
