package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.config.NearestName;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.setup.Setup;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Builds the command line: {@code powermon} (serve), {@code probe}, {@code collectors}, {@code
 * config-server}.
 */
public final class Cli {
  private Cli() {}

  public static CommandLine commandLine(Map<String, CollectorProvider> providers) {
    CollectorFlags flags = new CollectorFlags(providers);
    CommandLine root = new CommandLine(new ServeCommand(providers, flags));
    root.addSubcommand("probe", new ProbeCommand(providers, flags));
    root.addSubcommand("collectors", new CollectorsCommand(providers, flags));
    root.addSubcommand("help", new HelpCommand(providers));
    root.addSubcommand("version", new VersionCommand());
    // picocli's default negation pattern stops at dots; --no-collector.rapl needs these.
    root.setNegatableOptionTransformer(
        new CommandLine.RegexTransformer.Builder()
            .addPattern("^--no-(\\w[\\w.-]*)$", "--$1", "--[no-]$1")
            .addPattern("^--(\\w[\\w.-]*)$", "--no-$1", "--[no-]$1")
            .build());
    flags.addTo(root.getCommandSpec());
    GroupedHelp help = new GroupedHelp(providers);
    help.install(root);
    for (CommandLine sub : root.getSubcommands().values()) {
      if (sub.getCommand() instanceof ProviderCommand) {
        flags.addTo(sub.getCommandSpec());
        help.install(sub);
      }
    }
    root.addSubcommand("config-server", new ConfigServerCommand(providers)); // no collector flags
    root.setExecutionExceptionHandler(Cli::operatorErrorInOneLine);
    root.setParameterExceptionHandler(Cli::usageErrorWithNearestFlag);
    return root;
  }

  /**
   * Parses {@code args} as {@code powermon} (serve) does and loads the config file, without running
   * anything: how tests and embedders start a {@link dev.powermon.exporter.Server}.
   */
  public static Setup setup(Map<String, CollectorProvider> providers, String... args) {
    CommandLine cl = commandLine(providers);
    CommandLine.ParseResult parsed = cl.parseArgs(args);
    ServeCommand serve = cl.getCommand();
    return Setup.load(providers, serve.flags.read(List.of(parsed), serve.options))
        .withPush(serve.push);
  }

  private static int operatorErrorInOneLine(
      Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
    if (e instanceof OperatorError operatorError) {
      cl.getErr().println("powermon: " + e.getMessage());
      cl.getErr().flush();
      return operatorError.exitCode();
    }
    throw e; // a bug: picocli prints the stack trace
  }

  private static int usageErrorWithNearestFlag(CommandLine.ParameterException e, String[] args) {
    CommandLine cl = e.getCommandLine();
    PrintWriter err = cl.getErr();
    String message = e.getMessage();
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      // A mistyped secret flag (--push.remote-write.bearer-token=…) must not print the secret.
      for (String arg : unmatched.getUnmatched()) {
        if (arg.startsWith("-") && arg.contains("=")) {
          message = message.replace(arg, arg.split("=", 2)[0] + "=(value hidden)");
        }
      }
    }
    err.println("powermon: " + message);
    if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
      for (String arg : unmatched.getUnmatched()) {
        String nearest = nearest(arg.split("=", 2)[0], cl);
        if (nearest != null) {
          err.println("Did you mean " + nearest + "?");
        }
      }
    }
    err.println("See '" + cl.getCommandSpec().qualifiedName() + " --help'.");
    err.flush();
    return CommandLine.ExitCode.USAGE;
  }

  /**
   * The option name closest to {@code typed} by edit distance, if it is close enough to be a typo.
   */
  static String nearest(String typed, CommandLine cl) {
    List<String> names = new ArrayList<>();
    for (OptionSpec o : cl.getCommandSpec().options()) {
      names.addAll(List.of(o.names()));
    }
    return NearestName.of(typed, names);
  }
}
