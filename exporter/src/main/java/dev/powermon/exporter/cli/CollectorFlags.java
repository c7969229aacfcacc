package dev.powermon.exporter.cli;

import dev.powermon.api.CollectorProvider;
import dev.powermon.api.SettingSpec;
import dev.powermon.api.Settings;
import dev.powermon.exporter.config.ConfigLoader;
import dev.powermon.exporter.setup.CommonOptions;
import dev.powermon.exporter.setup.Invocation;
import dev.powermon.exporter.setup.OperatorError;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The flags generated from the discovered providers, so a new collector module needs no core
 * change: {@code --[no-]collector.NAME}, {@code --collector.NAME.deadline} and {@code
 * --collector.NAME.SETTING} for every declared setting (repeatable for list settings). Values are
 * parsed and checked once here, by the same code as the config file's, and errors name the flag as
 * typed.
 */
final class CollectorFlags {
  private final Map<String, CollectorProvider> providers;

  CollectorFlags(Map<String, CollectorProvider> providers) {
    this.providers = providers;
  }

  /** Adds the generated options to {@code spec}. */
  void addTo(CommandSpec spec) {
    for (CollectorProvider p : providers.values()) {
      String prefix = "--collector." + p.name();
      spec.addOption(
          OptionSpec.builder(prefix)
              .type(boolean.class)
              .negatable(true)
              .fallbackValue("true")
              .description(
                  "Enable the "
                      + p.name()
                      + " collector: "
                      + literal(p.description())
                      + (!p.onlyWhenNamed()
                          ? ""
                          : p.networked()
                              ? " Sends network traffic: only when named."
                              : " Only when named."))
              .build());
      spec.addOption(
          OptionSpec.builder(prefix + "." + ConfigLoader.DEADLINE)
              .type(String.class)
              .paramLabel("<duration>")
              .description(
                  "Longest wait for one collection before it counts as failed (default: 5s).")
              .build());
      for (SettingSpec s : p.settings()) {
        OptionSpec.Builder option =
            OptionSpec.builder(prefix + "." + s.name())
                .paramLabel("<" + s.type().label() + ">")
                .description(
                    literal(s.help())
                        + (s.defaultValue() != null
                            ? " (default: " + literal(s.defaultValue()) + ")"
                            : "")
                        + (s.isList() ? " Repeatable." : ""));
        if (s.isList()) {
          option.type(List.class).auxiliaryTypes(String.class);
        } else {
          option.type(String.class);
        }
        spec.addOption(option.build());
      }
    }
  }

  /**
   * picocli formats descriptions with String.format; a collector's "20% of tdp" must stay literal.
   */
  private static String literal(String text) {
    return text.replace("%", "%%");
  }

  /**
   * Reads what was typed for the generated options, plus {@code --collector NAME}, from each
   * command's parse result in order ({@code powermon} first, then its subcommand): a flag means the
   * same before or after the subcommand, and the later one wins.
   */
  Invocation read(List<ParseResult> results, CommonOptions options)
      throws CommandLine.ParameterException {
    Invocation inv = Invocation.of(options);
    ParseResult last = results.get(results.size() - 1);
    for (String name : options.collectors) {
      String trimmed = name.trim();
      if (!providers.containsKey(trimmed)) {
        throw new CommandLine.ParameterException(
            last.commandSpec().commandLine(),
            "--collector: no collector named '"
                + trimmed
                + "'; this build has "
                + providers.keySet());
      }
      inv.enabled().put(trimmed, true);
    }
    for (CollectorProvider p : providers.values()) {
      String prefix = "--collector." + p.name();
      Map<String, List<String>> given = new LinkedHashMap<>();
      for (ParseResult parsed : results) {
        if (parsed.hasMatchedOption(prefix)) {
          inv.enabled().put(p.name(), parsed.matchedOptionValue(prefix, true));
        }
        if (parsed.hasMatchedOption(prefix + "." + ConfigLoader.DEADLINE)) {
          inv.deadlines()
              .put(p.name(), parsed.matchedOptionValue(prefix + "." + ConfigLoader.DEADLINE, ""));
        }
        for (SettingSpec s : p.settings()) {
          String flag = prefix + "." + s.name();
          if (parsed.hasMatchedOption(flag)) {
            given.put(s.name(), new ArrayList<>(parsed.matchedOption(flag).stringValues()));
          }
        }
      }
      if (!given.isEmpty()) {
        inv.settings().put(p.name(), given);
        try {
          inv.parsed()
              .put(p.name(), Settings.parse(p.name(), p.settings(), given, s -> prefix + "." + s));
        } catch (IllegalArgumentException e) {
          throw new OperatorError(e.getMessage());
        }
      }
    }
    return inv;
  }
}
