package dev.powermon.exporter.fleet.sync;

/**
 * A metric-table entry changed on this device, and when: a toggle ({@code added} false: the entry
 * was in the file and its value changed) or a family discovered at run time ({@code added} true:
 * written with its default, which never overrides a value the server already has).
 *
 * @param before the value the entry had when this device changed it (the first change since the
 *     server last acknowledged one): the base the merge compares the server's value with; null when
 *     the entry was not there, or for a change queued by an older build
 */
public record LocalChange(boolean enabled, long atMillis, boolean added, Boolean before) {
  /** A change whose base is not known: the merge falls back to the version last fetched. */
  public LocalChange(boolean enabled, long atMillis, boolean added) {
    this(enabled, atMillis, added, null);
  }
}
