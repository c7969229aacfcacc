package dev.powermon.archfixture.b;

import dev.powermon.archfixture.a.Left;

/** The other half of the package cycle ArchitectureTest must catch. */
public final class Right {
  public Left partner() {
    return new Left();
  }
}
