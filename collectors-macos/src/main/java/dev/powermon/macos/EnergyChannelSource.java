package dev.powermon.macos;

import java.io.IOException;
import java.util.List;

/** IOReport's "Energy Model" channels: the real ones through JNA on a Mac, a fake in tests. */
interface EnergyChannelSource extends AutoCloseable {

  /** Energy each channel counted since the previous call (the first call: since subscribing). */
  List<ChannelEnergy> sample() throws IOException;

  /** Ends the subscription. Never throws. */
  @Override
  void close();

  /** Subscribes to the channels. */
  @FunctionalInterface
  interface Opener {
    EnergyChannelSource open() throws IOException;
  }
}
