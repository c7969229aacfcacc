package dev.powermon.nvidia;

import java.io.IOException;
import java.util.List;

/** Where GPU readings come from: NVML through JNA, or nvidia-smi; fakes in tests. */
interface GpuSource extends AutoCloseable {
  /** Every GPU, now. Fields a GPU cannot give are NaN; a GPU that fails entirely is left out. */
  List<GpuReading> read() throws IOException;

  /** {@code nvml} or {@code nvidia-smi}: the {@code backend} label. */
  String backend();

  @Override
  default void close() {}
}
