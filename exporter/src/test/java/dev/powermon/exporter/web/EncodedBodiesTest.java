package dev.powermon.exporter.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.runtime.Collected;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** One encoding per collection and format; an older collection never replaces a newer one. */
class EncodedBodiesTest {
  private final EncodedBodies bodies = new EncodedBodies();
  private final EncodedBodies.Format text =
      new EncodedBodies.Format(
          ExpositionFormats.init().getPrometheusTextFormatWriter(), EscapingScheme.DEFAULT, false);
  private final EncodedBodies.Format gzip =
      new EncodedBodies.Format(text.writer(), text.escaping(), true);

  @Test
  void oneCollectionInOneFormatIsEncodedOnce() throws Exception {
    Collected first = collected(1, 7);

    byte[] body = bodies.body(first, text);

    assertThat(bodies.body(first, text)).isSameAs(body);
    assertThat(new String(body, StandardCharsets.UTF_8)).contains("test_watts 7.0\n");
    assertThat(bodies.body(first, gzip)).isNotSameAs(body).startsWith((byte) 0x1f, (byte) 0x8b);
  }

  @Test
  void aNewerCollectionIsEncodedAnewAndTheOneBeforeItIsKept() throws Exception {
    Collected older = collected(1, 7);
    Collected newer = collected(2, 9);
    byte[] olderBody = bodies.body(older, text);

    byte[] newerBody = bodies.body(newer, text);

    assertThat(new String(newerBody, StandardCharsets.UTF_8)).contains("test_watts 9.0\n");
    assertThat(bodies.body(newer, text)).isSameAs(newerBody);
    assertThat(bodies.encoded(older, text)).isSameAs(olderBody);
  }

  @Test
  void aCollectionOlderThanBothKeptIsEncodedForItsScrapeAlone() throws Exception {
    Collected oldest = collected(1, 5);
    byte[] oldestBody = bodies.body(oldest, text);
    bodies.body(collected(2, 7), text);
    bodies.body(collected(3, 9), text);

    byte[] late = bodies.body(oldest, text);

    assertThat(late).isNotSameAs(oldestBody).isEqualTo(oldestBody);
    assertThat(bodies.encoded(oldest, text)).isNull();
  }

  private static Collected collected(long sequence, double watts) {
    MetricSnapshots snapshots =
        new MetricSnapshots(
            GaugeSnapshot.builder()
                .name("test_watts")
                .help("Watts.")
                .dataPoint(GaugeDataPointSnapshot.builder().value(watts).build())
                .build());
    return new Collected(snapshots, sequence, 0, 0, 0);
  }
}
