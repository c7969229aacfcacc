package dev.powermon.nvidia;

import dev.powermon.api.ParseProblems;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The fallback when NVML does not load: {@code nvidia-smi --query-gpu} per sample, with a deadline.
 * Asks for the driver-570 power fields first and, once the driver refuses them, for {@code
 * power.draw}.
 */
final class SmiSource implements GpuSource {
  private final Path executable;
  private final Duration deadline;
  private final ParseProblems problems;
  private volatile SmiQuery query = SmiQuery.CURRENT;

  SmiSource(Path executable, Duration deadline, ParseProblems problems) {
    this.executable = executable;
    this.deadline = deadline;
    this.problems = problems;
  }

  @Override
  public String backend() {
    return "nvidia-smi";
  }

  /** The field list in use: {@link SmiQuery#LEGACY} after a driver refused the new power fields. */
  SmiQuery query() {
    return query;
  }

  @Override
  public List<GpuReading> read() throws IOException {
    SmiProcess.Result r = run(query);
    if (r.exitCode() != 0
        && query == SmiQuery.CURRENT
        && r.output().contains("is not a valid field to query")) {
      query = SmiQuery.LEGACY; // a driver before 570: ask as it understands, from now on
      r = run(query);
    }
    if (r.exitCode() != 0) {
      String first = r.output().strip().lines().findFirst().orElse("");
      throw new IOException(
          executable
              + " exited with code "
              + r.exitCode()
              + ": "
              + first.substring(0, Math.min(first.length(), 200)));
    }
    return SmiCsvParser.parse(r.output(), query, problems);
  }

  private SmiProcess.Result run(SmiQuery q) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(q.arguments());
    return SmiProcess.run(command, deadline);
  }
}
