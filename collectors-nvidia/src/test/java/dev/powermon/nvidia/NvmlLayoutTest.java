package dev.powermon.nvidia;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JNA binding against NVIDIA's published {@code nvml.h}: every struct's size and field offsets,
 * and every function's arguments, so a wrong type cannot read past a buffer on a real GPU. The
 * header lines are quoted as NVIDIA publishes them (NVML API reference, nvml.h of the CUDA
 * toolkit).
 */
class NvmlLayoutTest {
  /** C argument types to the Java types JNA passes them as. */
  private static final Map<String, Class<?>> C_TO_JAVA =
      Map.of(
          "nvmlDevice_t", Pointer.class,
          "nvmlDevice_t*", PointerByReference.class,
          "unsigned int", int.class,
          "unsigned int*", IntByReference.class,
          "unsigned long long", long.class,
          "unsigned long long*", LongByReference.class,
          "char*", byte[].class,
          "nvmlReturn_t", int.class,
          "nvmlTemperatureSensors_t", int.class,
          "nvmlClockType_t", int.class);

  /** nvml.h, one line per function the binding declares: name, then argument types. */
  private static final List<String> HEADER =
      List.of(
          "nvmlReturn_t nvmlInit_v2(void)",
          "nvmlReturn_t nvmlShutdown(void)",
          "nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int* deviceCount)",
          "nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t* device)",
          "nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char* name, unsigned int length)",
          "nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char* uuid, unsigned int length)",
          "nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t* pci)",
          "nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int* power)",
          "nvmlReturn_t nvmlDeviceGetTotalEnergyConsumption(nvmlDevice_t device, unsigned long long* energy)",
          "nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int* limit)",
          "nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, nvmlTemperatureSensors_t sensorType,"
              + " unsigned int* temp)",
          "nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t* utilization)",
          "nvmlReturn_t nvmlDeviceGetClockInfo(nvmlDevice_t device, nvmlClockType_t type, unsigned int* clock)",
          "nvmlReturn_t nvmlDeviceGetProcessUtilization(nvmlDevice_t device, nvmlProcessUtilizationSample_t* utilization,"
              + " unsigned int* processSamplesCount, unsigned long long lastSeenTimeStamp)");

  /** Struct pointers: the JNA Structure (or array of them) passed for each. */
  private static final Map<String, Class<?>> STRUCTS =
      Map.of(
          "nvmlPciInfo_t*", NvmlLibrary.PciInfo.class,
          "nvmlUtilization_t*", NvmlLibrary.Utilization.class,
          "nvmlProcessUtilizationSample_t*", NvmlLibrary.ProcessUtilizationSample[].class);

  @Test
  void everyFunctionTakesTheHeadersArgumentsAndReturnsNvmlReturn() {
    Map<String, Method> declared = new LinkedHashMap<>();
    for (Method m : NvmlLibrary.class.getDeclaredMethods()) {
      declared.put(m.getName(), m);
    }
    for (String line : HEADER) {
      String name = line.substring("nvmlReturn_t ".length(), line.indexOf('('));
      String args = line.substring(line.indexOf('(') + 1, line.length() - 1);
      Method m = declared.remove(name);
      assertThat(m).as("binding declares %s", name).isNotNull();
      assertThat(m.getReturnType()).as(name).isEqualTo(int.class);
      List<Class<?>> expected =
          args.equals("void")
              ? List.of()
              : Arrays.stream(args.split(","))
                  .map(a -> a.strip().replaceAll("\\s*\\w+$", "").replace(" *", "*"))
                  .map(t -> STRUCTS.containsKey(t) ? STRUCTS.get(t) : C_TO_JAVA.get(t))
                  .toList();
      assertThat(expected).as("%s: every C type mapped", name).doesNotContainNull();
      assertThat(Arrays.asList(m.getParameterTypes())).as(name).isEqualTo(expected);
    }
    // const char* nvmlErrorString(nvmlReturn_t result): JNA maps a returned const char* to String
    Method errorString = declared.remove("nvmlErrorString");
    assertThat(errorString.getReturnType()).isEqualTo(String.class);
    assertThat(errorString.getParameterTypes()).containsExactly(int.class);
    assertThat(declared).as("functions the test does not check").isEmpty();
  }

  @Test
  void pciInfoIs68BytesWithBusIdAt36() {
    // char busIdLegacy[16]; unsigned int domain, bus, device, pciDeviceId, pciSubSystemId; char
    // busId[32];
    NvmlLibrary.PciInfo pci = new NvmlLibrary.PciInfo();
    assertThat(pci.size()).isEqualTo(16 + 5 * 4 + 32);
    assertThat(
            offsets(
                pci,
                "busIdLegacy",
                "domain",
                "bus",
                "device",
                "pciDeviceId",
                "pciSubSystemId",
                "busId"))
        .containsExactly(0, 16, 20, 24, 28, 32, 36);
  }

  @Test
  void utilizationIsTwoUnsignedInts() {
    NvmlLibrary.Utilization u = new NvmlLibrary.Utilization();
    assertThat(u.size()).isEqualTo(8);
    assertThat(offsets(u, "gpu", "memory")).containsExactly(0, 4);
  }

  @Test
  void processSampleAlignsItsTimestampTo8Bytes() {
    // unsigned int pid; unsigned long long timeStamp; unsigned int smUtil, memUtil, encUtil,
    // decUtil;
    NvmlLibrary.ProcessUtilizationSample s = new NvmlLibrary.ProcessUtilizationSample();
    assertThat(s.size()).isEqualTo(32);
    assertThat(offsets(s, "pid", "timeStamp", "smUtil", "memUtil", "encUtil", "decUtil"))
        .containsExactly(0, 8, 16, 20, 24, 28);
  }

  /**
   * JNA's own offsets: {@code Structure.fieldOffset} is protected, so it is called reflectively.
   */
  private static List<Integer> offsets(Structure s, String... fields) {
    try {
      Method fieldOffset = Structure.class.getDeclaredMethod("fieldOffset", String.class);
      fieldOffset.setAccessible(true);
      List<Integer> out = new java.util.ArrayList<>();
      for (String f : fields) {
        out.add((Integer) fieldOffset.invoke(s, f));
      }
      return out;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
