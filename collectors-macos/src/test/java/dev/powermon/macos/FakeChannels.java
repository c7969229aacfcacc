package dev.powermon.macos;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** Replays IOReport windows; an empty queue answers like a broken subscription. */
final class FakeChannels implements EnergyChannelSource {
  private final Deque<List<ChannelEnergy>> windows = new ArrayDeque<>();
  boolean closed;

  FakeChannels(List<List<ChannelEnergy>> windows) {
    this.windows.addAll(windows);
  }

  @Override
  public synchronized List<ChannelEnergy> sample() throws IOException {
    List<ChannelEnergy> next = windows.poll();
    if (next == null) {
      throw new IOException("subscription gone");
    }
    return next;
  }

  @Override
  public void close() {
    closed = true;
  }
}
