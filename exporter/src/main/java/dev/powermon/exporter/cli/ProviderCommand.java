package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.exporter.logging.Logging;
import dev.powermon.exporter.setup.CommonOptions;
import dev.powermon.exporter.setup.OperatorError;
import dev.powermon.exporter.setup.Setup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * What every command shares: the common options, the generated collector flags, and reading them.
 */
abstract class ProviderCommand {
  @Mixin CommonOptions options;
  @Spec CommandSpec spec;

  final Map<String, CollectorProvider> providers;
  final CollectorFlags flags;

  ProviderCommand(Map<String, CollectorProvider> providers, CollectorFlags flags) {
    this.providers = providers;
    this.flags = flags;
  }

  /** The command line and config file resolved, with logging configured from them. */
  Setup setup() {
    Setup setup = Setup.load(providers, flags.read(parseResults(), allOptions()));
    try {
      Logging.configure(setup.logLevel(), setup.logFormat());
    } catch (IllegalArgumentException e) {
      throw new OperatorError(e.getMessage());
    }
    return setup;
  }

  /**
   * The options given to {@code powermon} before this subcommand, then this command's own: both
   * mean the same. Serve-only flags before a subcommand are refused, naming the flag and where it
   * would work.
   */
  private List<ParseResult> parseResults() {
    List<ParseResult> results = new ArrayList<>();
    CommandLine parent = spec.commandLine().getParent();
    if (parent != null) {
      ParseResult before = parent.getParseResult();
      for (OptionSpec o : before.matchedOptions()) {
        if (!spec.optionsMap().containsKey(o.longestName())) {
          throw new CommandLine.ParameterException(
              spec.commandLine(),
              o.longestName()
                  + " is a flag of 'powermon'"
                  + " (serve) only; 'powermon "
                  + spec.name()
                  + "' does not take it: remove it or drop '"
                  + spec.name()
                  + "'");
        }
      }
      results.add(before);
    }
    results.add(spec.commandLine().getParseResult());
    return results;
  }

  private CommonOptions allOptions() {
    CommandLine parent = spec.commandLine().getParent();
    return parent == null
        ? options
        : ((ProviderCommand) parent.getCommand()).options.overlaidWith(options);
  }
}
