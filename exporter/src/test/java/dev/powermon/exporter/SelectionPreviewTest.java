package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code powermon collectors} previews exactly what {@code powermon} (serve) runs with the same
 * flags.
 */
class SelectionPreviewTest {
  private static final Pattern SUCCESS =
      Pattern.compile("powermon_collector_success\\{collector=\"([^\"]+)\"\\}");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "--collector broken",
        "--collector broken --collector.disable-defaults",
        "--collector.broken --no-collector.steady",
        "--collector.unready.path=/x"
      })
  void collectorsPreviewsWhatServeRuns(String flags) throws Exception {
    List<String> args = new ArrayList<>(flags.isEmpty() ? List.of() : List.of(flags.split(" ")));
    assertThat(served(args)).isEqualTo(previewed(args)).isNotEmpty();
  }

  private static Set<String> served(List<String> flags) throws Exception {
    List<String> args = new ArrayList<>(flags);
    args.addAll(List.of("--web.listen-address=127.0.0.1:0", "--web.admin-address=off"));
    try (Server server =
        Server.start(Cli.setup(Providers.discover(), args.toArray(String[]::new)))) {
      Set<String> running = new TreeSet<>();
      Matcher m =
          SUCCESS.matcher(Http.get("http://127.0.0.1:" + server.port() + "/metrics").body());
      while (m.find()) {
        running.add(m.group(1));
      }
      return running;
    }
  }

  private static Set<String> previewed(List<String> flags) {
    List<String> args = new ArrayList<>(List.of("collectors"));
    args.addAll(flags);
    StringWriter out = new StringWriter();
    CommandLine cl = Cli.commandLine(Providers.discover());
    cl.setOut(new PrintWriter(out, true));
    assertThat(cl.execute(args.toArray(String[]::new))).isZero();
    Set<String> enabled = new TreeSet<>();
    out.toString()
        .lines()
        .skip(1)
        .map(line -> line.split(" +"))
        .filter(cells -> cells[2].equals("yes"))
        .forEach(cells -> enabled.add(cells[0]));
    return enabled;
  }
}
