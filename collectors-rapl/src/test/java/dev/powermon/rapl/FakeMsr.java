package dev.powermon.rapl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Fake {@code /dev/cpu/N/msr} files: sparse files holding 8-byte little-endian values at the
 * register addresses, as the msr driver serves them to pread(2); plus the sysfs topology that maps
 * CPUs to sockets.
 */
final class FakeMsr {
  private final Path dev;
  private final Path sysfs;

  FakeMsr(Path dev, Path sysfs) {
    this.dev = dev;
    this.sysfs = sysfs;
  }

  /** CPU {@code cpu} in package {@code socket}, physical core {@code core}. */
  FakeMsr cpu(int cpu, int socket, int core) {
    try {
      Path topology = sysfs.resolve("devices/system/cpu/cpu" + cpu + "/topology");
      Files.createDirectories(topology);
      Files.writeString(topology.resolve("physical_package_id"), socket + "\n");
      Files.writeString(topology.resolve("core_id"), core + "\n");
      Path msr = dev.resolve("cpu/" + cpu + "/msr");
      Files.createDirectories(msr.getParent());
      Files.write(msr, new byte[0]);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  FakeMsr register(int cpu, long address, long value) {
    ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).flip();
    try (FileChannel ch =
        FileChannel.open(dev.resolve("cpu/" + cpu + "/msr"), StandardOpenOption.WRITE)) {
      ch.write(bytes, address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }
}
