package dev.powermon.nvidia;

import com.sun.jna.Library;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of NVML the collector calls, bound by JNA ({@code libnvidia-ml.so.1}, {@code nvml.dll}).
 * Signatures follow NVIDIA's published {@code nvml.h}; {@code NvmlLayoutTest} checks each argument
 * and struct against it. Every function returns an {@code nvmlReturn_t} ({@link #SUCCESS} = 0).
 */
public interface NvmlLibrary extends Library {
  int SUCCESS = 0;
  int ERROR_NOT_SUPPORTED = 3;
  int ERROR_INSUFFICIENT_SIZE = 7;
  int ERROR_GPU_IS_LOST = 15;
  int ERROR_NOT_FOUND = 6;
  int TEMPERATURE_GPU = 0;
  int CLOCK_SM = 1;
  int CLOCK_MEM = 2;
  int DEVICE_NAME_BUFFER_SIZE = 96;
  int DEVICE_UUID_BUFFER_SIZE = 96;

  int nvmlInit_v2();

  int nvmlShutdown();

  String nvmlErrorString(int result);

  int nvmlDeviceGetCount_v2(IntByReference deviceCount);

  int nvmlDeviceGetHandleByIndex_v2(int index, PointerByReference device);

  int nvmlDeviceGetName(Pointer device, byte[] name, int length);

  int nvmlDeviceGetUUID(Pointer device, byte[] uuid, int length);

  int nvmlDeviceGetPciInfo_v3(Pointer device, PciInfo pci);

  int nvmlDeviceGetPowerUsage(Pointer device, IntByReference milliwatts);

  int nvmlDeviceGetTotalEnergyConsumption(Pointer device, LongByReference millijoules);

  int nvmlDeviceGetEnforcedPowerLimit(Pointer device, IntByReference milliwatts);

  int nvmlDeviceGetTemperature(Pointer device, int sensorType, IntByReference celsius);

  int nvmlDeviceGetUtilizationRates(Pointer device, Utilization utilization);

  int nvmlDeviceGetClockInfo(Pointer device, int clockType, IntByReference megahertz);

  int nvmlDeviceGetProcessUtilization(
      Pointer device,
      ProcessUtilizationSample[] samples,
      IntByReference count,
      long lastSeenTimeStamp);

  /** {@code nvmlPciInfo_t}: 68 bytes. */
  @Structure.FieldOrder({
    "busIdLegacy",
    "domain",
    "bus",
    "device",
    "pciDeviceId",
    "pciSubSystemId",
    "busId"
  })
  class PciInfo extends Structure {
    public byte[] busIdLegacy = new byte[16];
    public int domain;
    public int bus;
    public int device;
    public int pciDeviceId;
    public int pciSubSystemId;
    public byte[] busId = new byte[32];
  }

  /** {@code nvmlUtilization_t}: percentages over the driver's last sample period. */
  @Structure.FieldOrder({"gpu", "memory"})
  class Utilization extends Structure {
    public int gpu;
    public int memory;
  }

  /** {@code nvmlProcessUtilizationSample_t}: 32 bytes, {@code timeStamp} at offset 8. */
  @Structure.FieldOrder({"pid", "timeStamp", "smUtil", "memUtil", "encUtil", "decUtil"})
  class ProcessUtilizationSample extends Structure {
    public int pid;
    public long timeStamp;
    public int smUtil;
    public int memUtil;
    public int encUtil;
    public int decUtil;
  }
}
