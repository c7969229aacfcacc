package dev.powermon.exporter.fleet.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PendingChangesTest {
  @TempDir Path dir;

  @Test
  void changesSurviveARestartUntilAcknowledged() {
    Path config = dir.resolve("powermon.yml");
    PendingChanges before = new PendingChanges(config);
    before.put("a_watts", new LocalChange(false, 1_000, false));
    before.put("b_watts", new LocalChange(true, 2_000, false));

    PendingChanges after = new PendingChanges(config);

    assertThat(after.snapshot())
        .containsExactly(
            Map.entry("a_watts", new LocalChange(false, 1_000, false)),
            Map.entry("b_watts", new LocalChange(true, 2_000, false)));
    after.acknowledged(after.snapshot());
    assertThat(new PendingChanges(config).isEmpty()).isTrue();
    assertThat(dir.resolve("powermon.yml.sync-pending")).doesNotExist();
  }

  @Test
  void aChangeMadeWhileSendingIsNotAcknowledgedByTheSend() {
    PendingChanges pending = new PendingChanges(dir.resolve("powermon.yml"));
    pending.put("a_watts", new LocalChange(false, 1_000, false));
    Map<String, LocalChange> sent = pending.snapshot();
    pending.put(
        "a_watts",
        new LocalChange(true, 2_000, false)); // toggled again while the PUT was under way

    pending.acknowledged(sent);

    assertThat(pending.snapshot())
        .containsExactly(Map.entry("a_watts", new LocalChange(true, 2_000, false)));
  }

  @Test
  void anUnreadableQueueIsEmptyNotFatal() throws Exception {
    Files.writeString(dir.resolve("powermon.yml.sync-pending"), "{not json");

    assertThat(new PendingChanges(dir.resolve("powermon.yml")).isEmpty()).isTrue();
  }

  @Test
  void aKeyChangedAgainKeepsTheValueItWasFirstChangedFrom() {
    PendingChanges pending = new PendingChanges(dir.resolve("powermon.yml"));
    pending.put("a_watts", new LocalChange(false, 1_000, false, true));
    pending.put("a_watts", new LocalChange(true, 2_000, false, false)); // back on, server not told

    assertThat(new PendingChanges(dir.resolve("powermon.yml")).snapshot())
        .containsExactly(Map.entry("a_watts", new LocalChange(true, 2_000, false, true)));
  }

  @Test
  void aQueueWrittenByAnOlderBuildIsReadWithoutTheValueChangedFrom() throws Exception {
    Files.writeString(
        dir.resolve("powermon.yml.sync-pending"),
        "{\"a_watts\":{\"enabled\":false,\"atMillis\":1000,\"added\":false}}");

    assertThat(new PendingChanges(dir.resolve("powermon.yml")).snapshot())
        .containsExactly(Map.entry("a_watts", new LocalChange(false, 1_000, false)));
  }
}
