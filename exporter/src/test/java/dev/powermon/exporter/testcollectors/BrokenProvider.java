package dev.powermon.exporter.testcollectors;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;

/** A collector whose every collection throws, as a device that vanished would. */
public final class BrokenProvider extends NamedOnlyProvider {
  public static final String MESSAGE = "sensor unplugged; plug it back in";

  public BrokenProvider() {
    super("broken", "Test collector that always fails.");
  }

  /** As a networked collector: only when named, and the reason given is the traffic. */
  @Override
  public boolean networked() {
    return true;
  }

  @Override
  public Collector open(CollectorContext context) {
    return () -> {
      throw new IllegalStateException(MESSAGE);
    };
  }
}
