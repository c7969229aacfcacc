package dev.powermon.macos;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.mac.CoreFoundation;
import com.sun.jna.platform.mac.CoreFoundation.CFAllocatorRef;
import com.sun.jna.platform.mac.CoreFoundation.CFArrayRef;
import com.sun.jna.platform.mac.CoreFoundation.CFDictionaryRef;
import com.sun.jna.platform.mac.CoreFoundation.CFIndex;
import com.sun.jna.platform.mac.CoreFoundation.CFMutableDictionaryRef;
import com.sun.jna.platform.mac.CoreFoundation.CFStringRef;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The real {@link EnergyChannelSource}: libIOReport's private API, declared as vladkens/macmon
 * declares it. Only ever opened on macOS ({@link IOReportSource#works()} checks first); it only
 * moves values across, the arithmetic is in {@link EnergyModel}.
 */
final class IOReportChannels implements EnergyChannelSource {
  /** The private IOReport calls used here. */
  interface IOReport extends Library {
    CFDictionaryRef IOReportCopyChannelsInGroup(
        CFStringRef group, CFStringRef subgroup, long a, long b, long c);

    Pointer IOReportCreateSubscription(
        Pointer a, CFMutableDictionaryRef channels, PointerByReference out, long d, Pointer e);

    CFDictionaryRef IOReportCreateSamples(
        Pointer subscription, CFMutableDictionaryRef channels, Pointer unused);

    CFDictionaryRef IOReportCreateSamplesDelta(
        CFDictionaryRef previous, CFDictionaryRef next, Pointer unused);

    CFStringRef IOReportChannelGetChannelName(CFDictionaryRef item);

    CFStringRef IOReportChannelGetUnitLabel(CFDictionaryRef item);

    long IOReportSimpleGetIntegerValue(CFDictionaryRef item, int index);
  }

  /** The one CoreFoundation call jna-platform does not declare. */
  interface CoreFoundationCopy extends Library {
    CFMutableDictionaryRef CFDictionaryCreateMutableCopy(
        CFAllocatorRef allocator, CFIndex capacity, CFDictionaryRef dict);
  }

  private static final CoreFoundation CF = CoreFoundation.INSTANCE;

  private final IOReport ioReport;
  private final CFMutableDictionaryRef channels;
  private final Pointer subscription;
  private CFDictionaryRef previous;

  private IOReportChannels(
      IOReport ioReport, CFMutableDictionaryRef channels, Pointer subscription) {
    this.ioReport = ioReport;
    this.channels = channels;
    this.subscription = subscription;
    this.previous = ioReport.IOReportCreateSamples(subscription, channels, null);
  }

  static IOReportChannels open() throws IOException {
    IOReport ioReport = Native.load("IOReport", IOReport.class);
    CoreFoundationCopy cf = Native.load("CoreFoundation", CoreFoundationCopy.class);
    CFStringRef group = CFStringRef.createCFString("Energy Model");
    try {
      CFDictionaryRef found = ioReport.IOReportCopyChannelsInGroup(group, null, 0, 0, 0);
      if (found == null) {
        throw new IOException("IOReport has no Energy Model group (not Apple Silicon?)");
      }
      CFMutableDictionaryRef channels =
          cf.CFDictionaryCreateMutableCopy(null, new CFIndex(0), found);
      CF.CFRelease(found);
      Pointer subscription =
          ioReport.IOReportCreateSubscription(null, channels, new PointerByReference(), 0, null);
      if (subscription == null) {
        CF.CFRelease(channels);
        throw new IOException("IOReport refused the Energy Model subscription");
      }
      return new IOReportChannels(ioReport, channels, subscription);
    } finally {
      CF.CFRelease(group);
    }
  }

  @Override
  public synchronized List<ChannelEnergy> sample() throws IOException {
    CFDictionaryRef next = ioReport.IOReportCreateSamples(subscription, channels, null);
    if (next == null || previous == null) {
      previous = next;
      throw new IOException("IOReport returned no samples");
    }
    CFDictionaryRef delta = ioReport.IOReportCreateSamplesDelta(previous, next, null);
    CF.CFRelease(previous);
    previous = next;
    if (delta == null) {
      throw new IOException("IOReport returned no sample delta");
    }
    CFStringRef key = CFStringRef.createCFString("IOReportChannels");
    try {
      Pointer array = delta.getValue(key);
      return array == null ? List.of() : read(new CFArrayRef(array));
    } finally {
      CF.CFRelease(key);
      CF.CFRelease(delta);
    }
  }

  private List<ChannelEnergy> read(CFArrayRef items) {
    List<ChannelEnergy> out = new ArrayList<>();
    for (int i = 0; i < items.getCount(); i++) {
      CFDictionaryRef item = new CFDictionaryRef(items.getValueAtIndex(i));
      out.add(
          new ChannelEnergy(
              text(ioReport.IOReportChannelGetChannelName(item)),
              text(ioReport.IOReportChannelGetUnitLabel(item)),
              ioReport.IOReportSimpleGetIntegerValue(item, 0)));
    }
    return out;
  }

  private static String text(CFStringRef s) {
    return s == null || s.getPointer() == null ? "" : s.stringValue();
  }

  @Override
  public synchronized void close() {
    CF.CFRelease(channels);
    if (previous != null) {
      CF.CFRelease(previous);
      previous = null;
    }
  }
}
