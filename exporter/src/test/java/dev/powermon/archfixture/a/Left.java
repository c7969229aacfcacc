package dev.powermon.archfixture.a;

import dev.powermon.archfixture.b.Right;

/** Half of a package cycle, for ArchitectureTest to prove its rules catch one. */
public final class Left {
  public Right partner() {
    return new Right();
  }
}
