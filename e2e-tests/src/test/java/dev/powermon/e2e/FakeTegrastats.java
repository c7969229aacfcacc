package dev.powermon.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A tegrastats stand-in: a script printing an Orin Nano (JetPack 6) style line once a second, the
 * default interval.
 */
final class FakeTegrastats {
  private FakeTegrastats() {}

  /** Writes the script; it ignores tegrastats' options and stops by itself after 10 minutes. */
  static Path write(Path dir) throws IOException {
    Path script = dir.resolve("tegrastats");
    Files.writeString(
        script,
        """
        #!/bin/sh
        i=0
        while [ "$i" -lt 600 ]; do
          echo "$(date +%m-%d-%Y\\ %H:%M:%S) RAM 3100/7620MB (lfb 12x4MB) SWAP 0/3810MB (cached 0MB)\
         CPU [12%@1510,8%@1510,10%@1510,6%@1510,off,off] EMC_FREQ 12%@2133 GR3D_FREQ 25%@[612]\
         cpu@47.5C soc2@45.25C soc0@46C gpu@45.5C tj@47.5C soc1@45.75C\
         VDD_IN 6200mW/6100mW VDD_CPU_GPU_CV 1800mW/1750mW VDD_SOC 1500mW/1480mW"
          i=$((i + 1))
          sleep 1
        done
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
