package dev.powermon.hwmon;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs {@code vcgencmd pmic_read_adc} with a deadline. */
final class VcgencmdPmic implements PmicSource {
  /** The output is about 1.5 KB; more is not this command's. */
  private static final int MAX_BYTES = 16 * 1024;

  private final Path vcgencmd;
  private final Duration deadline;

  VcgencmdPmic(Path vcgencmd, Duration deadline) {
    this.vcgencmd = vcgencmd;
    this.deadline = deadline;
  }

  @Override
  public String read() throws IOException {
    return BoundedCommand.run(List.of(vcgencmd.toString(), "pmic_read_adc"), deadline, MAX_BYTES);
  }

  @Override
  public String describe() {
    return vcgencmd + " pmic_read_adc";
  }
}
