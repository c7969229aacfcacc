package dev.powermon.nvidia;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * NVML as a driver answers, for machines without one: GPUs with set values, and any call answering
 * with an error code instead. Handles are the GPU's index as a pointer value.
 */
final class FakeNvml implements NvmlLibrary {
  /** One fake GPU; a field set to an error code makes its call fail with it. */
  static final class Gpu {
    String uuid = "GPU-00000000-0000-0000-0000-000000000000";
    String name = "NVIDIA H100 80GB HBM3";
    String busId = "00000000:3B:00.0";
    int milliwatts = 312_500;
    long millijoules = 9_000_000_000L;
    int limitMilliwatts = 700_000;
    int celsius = 54;
    int gpuPercent = 87;
    int memoryPercent = 40;
    int smMegahertz = 1980;
    int memMegahertz = 2619;
    int energyError = SUCCESS;
    int temperatureError = SUCCESS;
    int uuidError = SUCCESS;
    List<int[]> processes = new ArrayList<>(); // {pid, smUtil}
  }

  final List<Gpu> gpus = new ArrayList<>();
  int shutdowns;

  private Gpu gpu(Pointer device) {
    return gpus.get((int) Pointer.nativeValue(device) - 1);
  }

  @Override
  public int nvmlInit_v2() {
    return SUCCESS;
  }

  @Override
  public int nvmlShutdown() {
    shutdowns++;
    return SUCCESS;
  }

  @Override
  public String nvmlErrorString(int result) {
    return result == 999 ? "Unknown Error" : "error " + result;
  }

  @Override
  public int nvmlDeviceGetCount_v2(IntByReference deviceCount) {
    deviceCount.setValue(gpus.size());
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device) {
    device.setValue(new Pointer(index + 1));
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetName(Pointer device, byte[] name, int length) {
    return copy(gpu(device).name, name, length);
  }

  @Override
  public int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length) {
    Gpu g = gpu(device);
    return g.uuidError != SUCCESS ? g.uuidError : copy(g.uuid, uuid, length);
  }

  @Override
  public int nvmlDeviceGetPciInfo_v3(Pointer device, PciInfo pci) {
    byte[] bus = gpu(device).busId.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(bus, 0, pci.busId, 0, bus.length);
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts) {
    milliwatts.setValue(gpu(device).milliwatts);
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules) {
    Gpu g = gpu(device);
    millijoules.setValue(g.millijoules);
    return g.energyError;
  }

  @Override
  public int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts) {
    milliwatts.setValue(gpu(device).limitMilliwatts);
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius) {
    Gpu g = gpu(device);
    celsius.setValue(g.celsius);
    return sensorType == TEMPERATURE_GPU ? g.temperatureError : 2;
  }

  @Override
  public int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization) {
    utilization.gpu = gpu(device).gpuPercent;
    utilization.memory = gpu(device).memoryPercent;
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference megahertz) {
    megahertz.setValue(clockType == CLOCK_SM ? gpu(device).smMegahertz : gpu(device).memMegahertz);
    return SUCCESS;
  }

  @Override
  public int nvmlDeviceGetProcessUtilization(
      Pointer device,
      ProcessUtilizationSample[] samples,
      IntByReference count,
      long lastSeenTimeStamp) {
    List<int[]> p = gpu(device).processes;
    if (p.isEmpty()) {
      return ERROR_NOT_FOUND;
    }
    if (samples == null || count.getValue() < p.size()) {
      count.setValue(p.size());
      return ERROR_INSUFFICIENT_SIZE;
    }
    for (int i = 0; i < p.size(); i++) {
      samples[i].pid = p.get(i)[0];
      samples[i].smUtil = p.get(i)[1];
      samples[i].timeStamp = 1_000 + i;
    }
    count.setValue(p.size());
    return SUCCESS;
  }

  private static int copy(String text, byte[] buffer, int length) {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    if (b.length + 1 > length) {
      return ERROR_INSUFFICIENT_SIZE;
    }
    System.arraycopy(b, 0, buffer, 0, b.length);
    return SUCCESS;
  }
}
