package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code powermon help [COMMAND]} and {@code powermon help collector NAME} (a collector's flags).
 */
@Command(
    name = "help",
    helpCommand = true,
    description =
        "Show the help of powermon, of a command, or of a collector (help collector NAME).")
final class HelpCommand implements Callable<Integer> {
  @Parameters(
      arity = "0..2",
      paramLabel = "COMMAND",
      description = "A command, or 'collector NAME'.")
  List<String> words = new ArrayList<>();

  @Spec CommandSpec spec;

  private final Map<String, CollectorProvider> providers;

  HelpCommand(Map<String, CollectorProvider> providers) {
    this.providers = providers;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.commandLine().getParent();
    PrintWriter out = spec.commandLine().getOut();
    if (words.isEmpty()) {
      root.usage(out);
      return 0;
    }
    String first = words.get(0);
    if (first.equals("collector")) {
      return words.size() < 2
          ? usageError("help collector: name one of " + providers.keySet())
          : collector(words.get(1), root, out);
    }
    CommandLine sub = root.getSubcommands().get(first);
    if (sub == null || words.size() > 1) {
      return usageError(
          "help: no command named '"
              + String.join(" ", words)
              + "'; the commands are "
              + root.getSubcommands().keySet()
              + ", and 'collector NAME'");
    }
    sub.usage(out);
    return 0;
  }

  private int collector(String name, CommandLine root, PrintWriter out) {
    CollectorProvider p = providers.get(name);
    if (p == null) {
      return usageError(
          "help collector: no collector named '"
              + name
              + "'; this build has "
              + providers.keySet());
    }
    out.printf("%s: %s%n", p.name(), p.description());
    if (p.onlyWhenNamed()) {
      out.println(
          p.networked()
              ? "It sends network traffic, so it runs only when named."
              : "It runs only when named.");
    }
    out.printf("%nFlags (or in the config file: collectors: {%s: {SETTING: VALUE}}):%n", p.name());
    Help help = root.getHelp();
    Help.Layout layout = help.createDefaultLayout();
    String prefix = "--collector." + p.name();
    for (OptionSpec o : root.getCommandSpec().options()) {
      if (o.longestName().equals(prefix) || o.longestName().startsWith(prefix + ".")) {
        layout.addOption(o, help.parameterLabelRenderer());
      }
    }
    out.print(layout);
    out.flush();
    return 0;
  }

  private int usageError(String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("powermon: " + message);
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }
}
