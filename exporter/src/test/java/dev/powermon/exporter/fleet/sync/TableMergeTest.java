package dev.powermon.exporter.fleet.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every conflict case of the merge rule: per key, the newer change wins; the server's version is
 * the base.
 */
class TableMergeTest {
  private static final long T_SEEN = 1_000;
  private static final long T_LOCAL = 2_000;

  @Test
  void aKeyOnlyThisDeviceChangedTakesTheDevicesValue() {
    Map<String, Boolean> seen = Map.of("a_watts", true);
    Map<String, Boolean> server = Map.of("a_watts", true);

    assertThat(
            TableMerge.winners(
                server, seen, 3_000, Map.of("a_watts", new LocalChange(false, T_LOCAL, false))))
        .containsExactly(Map.entry("a_watts", false));
  }

  @Test
  void aKeyOnlyTheServerChangedKeepsTheServersValue() {
    // Nothing local about a_watts: nothing to write over the server's version.
    assertThat(
            TableMerge.winners(Map.of("a_watts", false), Map.of("a_watts", true), 3_000, Map.of()))
        .isEmpty();
  }

  @Test
  void bothChangedTheSameKeyAndTheDeviceWasLaterTheDeviceWins() {
    assertThat(
            TableMerge.winners(
                Map.of("a_watts", false),
                Map.of("a_watts", true),
                1_500,
                Map.of("a_watts", new LocalChange(true, T_LOCAL, false))))
        .containsExactly(Map.entry("a_watts", true));
  }

  @Test
  void bothChangedTheSameKeyAndTheServerWasLaterTheServerWins() {
    assertThat(
            TableMerge.winners(
                Map.of("a_watts", false),
                Map.of("a_watts", true),
                2_500,
                Map.of("a_watts", new LocalChange(true, T_LOCAL, false))))
        .isEmpty();
  }

  @Test
  void bothChangedAtTheSameMillisecondTheDeviceWins() {
    // The server's Last-Modified has whole seconds: a tie is resolved for the change still in hand.
    assertThat(
            TableMerge.winners(
                Map.of("a_watts", false),
                Map.of("a_watts", true),
                T_LOCAL,
                Map.of("a_watts", new LocalChange(true, T_LOCAL, false))))
        .containsExactly(Map.entry("a_watts", true));
  }

  @Test
  void aServerChangeToAnotherKeyDoesNotBeatTheDevicesKey() {
    Map<String, Boolean> seen = Map.of("a_watts", true, "b_watts", true);
    Map<String, Boolean> server =
        Map.of("a_watts", true, "b_watts", false); // b changed later on the server

    assertThat(
            TableMerge.winners(
                server, seen, 9_000, Map.of("a_watts", new LocalChange(false, T_LOCAL, false))))
        .containsExactly(Map.entry("a_watts", false));
  }

  @Test
  void aFamilyNewToTheServerIsAdded() {
    assertThat(
            TableMerge.winners(
                Map.of(),
                Map.of(),
                9_000,
                Map.of("new_watts", new LocalChange(true, T_LOCAL, false))))
        .containsExactly(Map.entry("new_watts", true));
  }

  @Test
  void aKeyTheServerRemovedLaterStaysRemovedAndOneRemovedEarlierComesBack() {
    Map<String, Boolean> seen = Map.of("a_watts", true);
    Map<String, Boolean> server = Map.of(); // the operator deleted the line

    assertThat(
            TableMerge.winners(
                server, seen, 5_000, Map.of("a_watts", new LocalChange(false, T_LOCAL, false))))
        .isEmpty();
    assertThat(
            TableMerge.winners(
                server, seen, 1_500, Map.of("a_watts", new LocalChange(false, T_LOCAL, false))))
        .containsExactly(Map.entry("a_watts", false));
  }

  @Test
  void aKeyTheServerAddedSinceTheDeviceLookedTakesTheDevicesValue() {
    // Another exporter's discovery wrote the family with its default after this device's last
    // fetch.
    assertThat(
            TableMerge.winners(
                Map.of("a_watts", false),
                Map.of(),
                9_000,
                Map.of("a_watts", new LocalChange(true, T_LOCAL, false))))
        .containsExactly(Map.entry("a_watts", true));
  }

  @Test
  void withoutAServerVersionSeenEveryLocalChangeWins() {
    // Started while the server was down: nothing says the server changed anything since.
    assertThat(
            TableMerge.winners(
                Map.of("a_watts", true),
                null,
                9_000,
                Map.of("a_watts", new LocalChange(false, T_SEEN, false))))
        .containsExactly(Map.entry("a_watts", false));
  }

  @Test
  void bothSetTheSameValueWritesItOnce() {
    Map<String, LocalChange> local = new HashMap<>();
    local.put("a_watts", new LocalChange(false, T_LOCAL, false));

    assertThat(TableMerge.winners(Map.of("a_watts", false), Map.of("a_watts", true), 1_500, local))
        .containsExactly(Map.entry("a_watts", false));
  }

  @Test
  void aDiscoveredFamilyFillsAGapButNeverOverridesTheServersValue() {
    Map<String, LocalChange> discovered = Map.of("x_watts", new LocalChange(true, T_LOCAL, true));

    assertThat(TableMerge.winners(Map.of(), Map.of(), 0, discovered))
        .containsExactly(Map.entry("x_watts", true));
    // Another device turned it off after discovering it: this device's default does not turn it
    // back on.
    assertThat(TableMerge.winners(Map.of("x_watts", false), Map.of(), 0, discovered)).isEmpty();
  }

  @Test
  void theValueTheDeviceChangedFromIsTheBaseEvenAfterANewerVersionWasFetched() {
    // The device turned a_watts off (it was on); before the change reached the server the operator
    // removed the line, and the device fetched that version. Compared with the version last
    // fetched the server changed nothing; compared with the value the device changed from, it did.
    Map<String, Boolean> fetchedSince = Map.of();
    LocalChange off = new LocalChange(false, T_LOCAL, false, true);

    assertThat(TableMerge.winners(Map.of(), fetchedSince, 3_000, Map.of("a_watts", off)))
        .isEmpty(); // the removal came later: it stands
    assertThat(TableMerge.winners(Map.of(), fetchedSince, 1_500, Map.of("a_watts", off)))
        .containsExactly(Map.entry("a_watts", false)); // it came earlier: the toggle comes back
  }

  @Test
  void withTheValueChangedFromKnownNoFetchIsNeeded() {
    // After a restart nothing was fetched yet (seen is null): a key the server left alone takes
    // the device's value, one it changed later keeps the server's.
    LocalChange off = new LocalChange(false, T_LOCAL, false, true);

    assertThat(TableMerge.winners(Map.of("a_watts", true), null, 9_000, Map.of("a_watts", off)))
        .containsExactly(Map.entry("a_watts", false));
    assertThat(TableMerge.winners(Map.of(), null, 9_000, Map.of("a_watts", off))).isEmpty();
  }
}
