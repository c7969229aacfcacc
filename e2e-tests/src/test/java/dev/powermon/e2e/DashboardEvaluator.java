package dev.powermon.e2e;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates one dashboard against Prometheus the way Grafana would show it with every variable at
 * "All": each variable query resolved to its real values, each panel expression expanded with them
 * and run as an instant query. Every one must parse and return at least one series.
 */
final class DashboardEvaluator {
  /** A query that failed, named so a reader finds it in the dashboard. */
  record Failure(String where, String query, String problem) {
    @Override
    public String toString() {
      return where + "\n    query: " + query + "\n    " + problem;
    }
  }

  /** What one pass proved. */
  record Outcome(int variablesProven, int expressionsProven, List<Failure> failures) {}

  private static final Pattern LABEL_VALUES =
      Pattern.compile("^label_values\\((.+),\\s*(\\w+)\\)$");

  private final PrometheusApi api;

  DashboardEvaluator(PrometheusApi api) {
    this.api = api;
  }

  Outcome evaluate(Dashboard dashboard) throws InterruptedException {
    List<Failure> failures = new ArrayList<>();
    TemplateExpander expander = new TemplateExpander();
    int variables = 0;
    for (Dashboard.Variable v : dashboard.variables()) {
      if (!"query".equals(v.type())) {
        continue;
      }
      String where = "dashboard '" + dashboard.title() + "', variable '" + v.name() + "'";
      String query = expander.expand(v.query());
      Matcher m = LABEL_VALUES.matcher(query);
      if (!m.matches()) {
        failures.add(
            new Failure(where, query, "only label_values(selector, label) is supported here"));
        continue;
      }
      try {
        List<String> values = api.labelValues(m.group(1), m.group(2));
        if (values.isEmpty()) {
          failures.add(new Failure(where, query, "no values"));
        } else {
          // Grafana's "All" without a custom all value: the real values as one alternation.
          expander.setAll(v.name(), values);
          variables++;
        }
      } catch (IOException e) {
        failures.add(new Failure(where, query, e.getMessage()));
      }
    }
    int expressions = 0;
    for (Dashboard.Panel panel : dashboard.panels()) {
      for (Dashboard.Target target : panel.targets()) {
        String where =
            "dashboard '"
                + dashboard.title()
                + "', panel '"
                + panel.title()
                + "', query "
                + target.refId();
        String expr = expander.expand(target.expr());
        try {
          if (api.query(expr).isEmpty()) {
            failures.add(new Failure(where, expr, "returned no series"));
          } else {
            expressions++;
          }
        } catch (IOException e) {
          failures.add(new Failure(where, expr, e.getMessage()));
        }
      }
    }
    return new Outcome(variables, expressions, failures);
  }
}
