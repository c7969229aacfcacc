package dev.powermon.nvidia;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import dev.powermon.api.ParseProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads every GPU through NVML. A query the GPU does not support ({@code NVML_ERROR_NOT_SUPPORTED}:
 * no energy counter before Volta) is simply absent; any other error costs that field, reported
 * under {@code gpuN.field}; a GPU that cannot be opened or has no UUID is left out. Runs on this
 * machine only where an NVIDIA driver is installed; elsewhere it is tested through a fake {@link
 * NvmlLibrary}.
 */
final class NvmlSource implements GpuSource {
  /** More processes than this on one GPU are not read (the array is allocated per call). */
  static final int MAX_PROCESSES = 1024;

  private final NvmlLibrary nvml;
  private final ParseProblems problems;
  private final Map<String, Long> lastProcessSample = new HashMap<>();

  NvmlSource(NvmlLibrary nvml, ParseProblems problems) {
    this.nvml = nvml;
    this.problems = problems;
  }

  /**
   * Loads and initialises NVML.
   *
   * @throws IOException saying why NVML is not usable here (no driver, init failed)
   */
  static NvmlSource load(ParseProblems problems) throws IOException {
    List<String> names =
        Platform.isWindows() ? List.of("nvml") : List.of("libnvidia-ml.so.1", "nvidia-ml");
    NvmlLibrary nvml = null;
    for (String name : names) {
      try {
        nvml = Native.load(name, NvmlLibrary.class);
        break;
      } catch (UnsatisfiedLinkError e) {
        // try the next name; JNA's message lists every path it searched, too long for one line
      }
    }
    if (nvml == null) {
      throw new IOException(
          "NVML does not load ("
              + (Platform.isWindows() ? "nvml.dll" : "libnvidia-ml.so.1")
              + " not found); needs the NVIDIA driver");
    }
    int rc = nvml.nvmlInit_v2();
    if (rc != NvmlLibrary.SUCCESS) {
      throw new IOException("nvmlInit failed: " + nvml.nvmlErrorString(rc));
    }
    return new NvmlSource(nvml, problems);
  }

  @Override
  public String backend() {
    return "nvml";
  }

  @Override
  public List<GpuReading> read() throws IOException {
    IntByReference count = new IntByReference();
    int rc = nvml.nvmlDeviceGetCount_v2(count);
    if (rc != NvmlLibrary.SUCCESS) {
      throw new IOException("nvmlDeviceGetCount failed: " + nvml.nvmlErrorString(rc));
    }
    List<GpuReading> out = new ArrayList<>();
    for (int i = 0; i < Math.min(count.getValue(), 64); i++) {
      PointerByReference handle = new PointerByReference();
      rc = nvml.nvmlDeviceGetHandleByIndex_v2(i, handle);
      if (rc != NvmlLibrary.SUCCESS) {
        problems.problem("gpu" + i, "cannot open: " + nvml.nvmlErrorString(rc));
        continue;
      }
      problems.ok("gpu" + i);
      GpuReading gpu = device(i, handle.getValue());
      if (gpu != null) {
        out.add(gpu);
      }
    }
    return out;
  }

  private GpuReading device(int i, Pointer d) {
    String uuid =
        text(
            i,
            "uuid",
            b -> nvml.nvmlDeviceGetUUID(d, b, b.length),
            NvmlLibrary.DEVICE_UUID_BUFFER_SIZE);
    if (uuid.isEmpty()) {
      return null;
    }
    String name =
        text(
            i,
            "name",
            b -> nvml.nvmlDeviceGetName(d, b, b.length),
            NvmlLibrary.DEVICE_NAME_BUFFER_SIZE);
    NvmlLibrary.PciInfo pci = new NvmlLibrary.PciInfo();
    String bus = check(i, "pci", nvml.nvmlDeviceGetPciInfo_v3(d, pci)) ? cString(pci.busId) : "";
    IntByReference v = new IntByReference();
    double watts = unsigned(i, "power", nvml.nvmlDeviceGetPowerUsage(d, v), v) / 1000;
    LongByReference energy = new LongByReference();
    double joules =
        check(i, "energy", nvml.nvmlDeviceGetTotalEnergyConsumption(d, energy))
            ? unsignedLong(energy.getValue()) / 1000
            : Double.NaN;
    double limit = unsigned(i, "power_limit", nvml.nvmlDeviceGetEnforcedPowerLimit(d, v), v) / 1000;
    double temperature =
        unsigned(
            i, "temperature", nvml.nvmlDeviceGetTemperature(d, NvmlLibrary.TEMPERATURE_GPU, v), v);
    NvmlLibrary.Utilization u = new NvmlLibrary.Utilization();
    boolean util = check(i, "utilization", nvml.nvmlDeviceGetUtilizationRates(d, u));
    double sm =
        unsigned(i, "clock_sm", nvml.nvmlDeviceGetClockInfo(d, NvmlLibrary.CLOCK_SM, v), v) * 1e6;
    double mem =
        unsigned(i, "clock_mem", nvml.nvmlDeviceGetClockInfo(d, NvmlLibrary.CLOCK_MEM, v), v) * 1e6;
    return new GpuReading(
        i,
        uuid,
        name,
        bus,
        watts,
        joules,
        limit,
        temperature,
        util ? Integer.toUnsignedLong(u.gpu) / 100.0 : Double.NaN,
        util ? Integer.toUnsignedLong(u.memory) / 100.0 : Double.NaN,
        sm,
        mem,
        processes(i, uuid, d));
  }

  /** Per-process SM utilisation since the last call, as NVML keeps it; empty where unsupported. */
  private List<GpuReading.ProcessUtilization> processes(int i, String uuid, Pointer d) {
    IntByReference count = new IntByReference(0);
    long since = lastProcessSample.getOrDefault(uuid, 0L);
    int rc = nvml.nvmlDeviceGetProcessUtilization(d, null, count, since);
    if (rc != NvmlLibrary.ERROR_INSUFFICIENT_SIZE || count.getValue() <= 0) {
      if (rc != NvmlLibrary.SUCCESS && rc != NvmlLibrary.ERROR_NOT_FOUND) {
        check(i, "processes", rc);
      }
      return List.of();
    }
    int n = Math.min(count.getValue(), MAX_PROCESSES);
    NvmlLibrary.ProcessUtilizationSample[] samples =
        (NvmlLibrary.ProcessUtilizationSample[])
            new NvmlLibrary.ProcessUtilizationSample().toArray(n);
    count.setValue(n);
    if (!check(i, "processes", nvml.nvmlDeviceGetProcessUtilization(d, samples, count, since))) {
      return List.of();
    }
    List<GpuReading.ProcessUtilization> out = new ArrayList<>();
    long newest = since;
    for (int k = 0; k < Math.min(count.getValue(), n); k++) {
      NvmlLibrary.ProcessUtilizationSample s = samples[k];
      newest = Math.max(newest, s.timeStamp);
      out.add(
          new GpuReading.ProcessUtilization(
              Integer.toUnsignedLong(s.pid), Integer.toUnsignedLong(s.smUtil) / 100.0));
    }
    lastProcessSample.put(uuid, newest);
    return out;
  }

  private interface TextCall {
    int call(byte[] buffer);
  }

  private String text(int i, String field, TextCall call, int size) {
    byte[] buffer = new byte[size];
    return check(i, field, call.call(buffer)) ? cString(buffer) : "";
  }

  /**
   * True on success; NOT_SUPPORTED is an answer (false, not reported); other errors are reported.
   */
  private boolean check(int i, String field, int rc) {
    String key = "gpu" + i + "." + field;
    if (rc == NvmlLibrary.SUCCESS) {
      problems.ok(key);
      return true;
    }
    if (rc != NvmlLibrary.ERROR_NOT_SUPPORTED) {
      problems.problem(key, nvml.nvmlErrorString(rc) + " (nvmlReturn_t " + rc + ")");
    }
    return false;
  }

  /** An {@code unsigned int} out-parameter, or NaN when the call did not succeed. */
  private double unsigned(int i, String field, int rc, IntByReference value) {
    return check(i, field, rc) ? Integer.toUnsignedLong(value.getValue()) : Double.NaN;
  }

  /** An {@code unsigned long long} as a double, including values past {@link Long#MAX_VALUE}. */
  static double unsignedLong(long v) {
    return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
  }

  /** A NUL-terminated C string in {@code bytes}. */
  static String cString(byte[] bytes) {
    int end = 0;
    while (end < bytes.length && bytes[end] != 0) {
      end++;
    }
    return new String(bytes, 0, end, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    nvml.nvmlShutdown();
  }
}
