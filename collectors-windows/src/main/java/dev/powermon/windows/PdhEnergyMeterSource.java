package dev.powermon.windows;

import com.sun.jna.platform.win32.Pdh;
import com.sun.jna.platform.win32.PdhMsg;
import com.sun.jna.platform.win32.PdhUtil;
import com.sun.jna.platform.win32.WinDef.DWORDByReference;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.platform.win32.WinNT.HANDLEByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@link EnergyMeterSource}: one PDH query with {@code \Energy Meter(<instance>)\Energy}
 * per instance, read raw (PdhGetRawCounterValue: the pWh value and its FILETIME stamp), added by
 * English name so a German or Japanese Windows is read alike. Only ever opened on Windows; it moves
 * values across, the arithmetic is in {@link EnergyMeterLedger}.
 */
final class PdhEnergyMeterSource implements EnergyMeterSource {
  private static final int PERF_DETAIL_WIZARD = 400;
  private static final Pdh PDH = Pdh.INSTANCE;

  private final HANDLE query;
  private final List<String> instances;
  private final List<HANDLE> counters;

  private PdhEnergyMeterSource(HANDLE query, List<String> instances, List<HANDLE> counters) {
    this.query = query;
    this.instances = List.copyOf(instances);
    this.counters = List.copyOf(counters);
  }

  /**
   * Opens a query over every Energy Meter instance; none when the object does not exist on this
   * machine.
   */
  static PdhEnergyMeterSource open() throws IOException {
    List<String> instances;
    try {
      instances =
          PdhUtil.PdhEnumObjectItems(null, null, "Energy Meter", PERF_DETAIL_WIZARD).getInstances();
    } catch (RuntimeException e) { // PdhException: no such object (no EMI driver on this machine)
      instances = List.of();
    }
    HANDLEByReference queryRef = new HANDLEByReference();
    check(PDH.PdhOpenQuery(null, null, queryRef), "PdhOpenQuery");
    HANDLE query = queryRef.getValue();
    List<String> added = new ArrayList<>();
    List<HANDLE> counters = new ArrayList<>();
    for (String instance : instances) {
      HANDLEByReference counter = new HANDLEByReference();
      int status =
          PDH.PdhAddEnglishCounter(
              query, "\\Energy Meter(" + instance + ")\\Energy", null, counter);
      if (status == WinError.ERROR_SUCCESS) {
        added.add(instance);
        counters.add(counter.getValue());
      }
    }
    return new PdhEnergyMeterSource(query, added, counters);
  }

  @Override
  public List<String> instances() {
    return instances;
  }

  @Override
  public synchronized List<EnergyMeterReading> read() throws IOException {
    if (counters.isEmpty()) {
      return List.of();
    }
    check(PDH.PdhCollectQueryData(query), "PdhCollectQueryData");
    List<EnergyMeterReading> out = new ArrayList<>(counters.size());
    for (int i = 0; i < counters.size(); i++) {
      Pdh.PDH_RAW_COUNTER raw = new Pdh.PDH_RAW_COUNTER();
      int status = PDH.PdhGetRawCounterValue(counters.get(i), new DWORDByReference(), raw);
      if (status == WinError.ERROR_SUCCESS
          && (raw.CStatus == PdhMsg.PDH_CSTATUS_VALID_DATA
              || raw.CStatus == PdhMsg.PDH_CSTATUS_NEW_DATA)) {
        long ticks =
            ((long) raw.TimeStamp.dwHighDateTime << 32)
                | (raw.TimeStamp.dwLowDateTime & 0xffffffffL);
        out.add(new EnergyMeterReading(instances.get(i), raw.FirstValue, ticks));
      }
    }
    return out;
  }

  private static void check(int status, String call) throws IOException {
    if (status != WinError.ERROR_SUCCESS) {
      throw new IOException(call + " failed with PDH status 0x" + Integer.toHexString(status));
    }
  }

  @Override
  public synchronized void close() {
    PDH.PdhCloseQuery(query);
  }
}
