package dev.powermon.host;

import dev.powermon.testkit.TestContext;

/**
 * Run by {@link JnaUnavailableTest} in a child JVM whose JNA cannot unpack its native library:
 * prints what the real provider's probe and open say, one line each.
 */
public final class JnaUnavailableMain {
  private JnaUnavailableMain() {}

  public static void main(String[] args) throws Exception {
    HostProvider provider = new HostProvider();
    try (TestContext ctx = TestContext.forProvider(provider).build()) {
      System.out.println("probe: " + provider.probe(ctx).detail());
      try {
        provider.open(ctx).close();
        System.out.println("open: ok");
      } catch (Exception e) {
        System.out.println("open: " + e.getMessage());
      }
    }
  }
}
