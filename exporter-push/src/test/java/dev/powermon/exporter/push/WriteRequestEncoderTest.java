package dev.powermon.exporter.push;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.snappy.SnappyDecompressor;
import io.prometheus.metrics.model.snapshots.Labels;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRequestEncoderTest {

  @Test
  void oneLabelOneSampleIsTheHandComputedBytes() {
    byte[] bytes =
        WriteRequestEncoder.encode(List.of(new Sample(new Series("x", Labels.EMPTY), 1000, 1.0)));

    // Label{name=1:"__name__", value=2:"x"}: 0a 08 "__name__" 12 01 "x"                 = 13 bytes
    // Sample{value=1: fixed64 1.0 LE, timestamp=2: varint 1000 = e8 07}: 09 <8> 10 e8 07  = 12
    // bytes
    // TimeSeries{labels=1, samples=2}: 0a 0d <label> 12 0c <sample>                       = 29
    // bytes
    // WriteRequest{timeseries=1}: 0a 1d <series>                                           = 31
    // bytes
    String expected =
        "0a1d"
            + "0a0d"
            + "0a08"
            + hex("__name__")
            + "1201"
            + hex("x")
            + "120c"
            + "09"
            + "000000000000f03f"
            + "10"
            + "e807";
    assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
  }

  @Test
  void labelsAreSortedByNameWithTheMetricNameAmongThem() {
    Series series = new Series("m", Labels.of("job", "j", "Zone", "z", "instance", "i"));

    assertThat(series.sortedWithName())
        .extracting(Series.Pair::name)
        .containsExactly("Zone", "__name__", "instance", "job"); // 'Z' (0x5a) < '_' (0x5f) < 'i'
  }

  @Test
  void anEmptyLabelIsLeftOutAsRemoteWriteRequires() {
    Series series =
        new Series(
            "powermon_rapl_read_errors_total", Labels.of("rapl_zone", "", "reason", "eacces"));

    assertThat(series.sortedWithName())
        .containsExactly(
            new Series.Pair("__name__", "powermon_rapl_read_errors_total"),
            new Series.Pair("reason", "eacces"));
  }

  @Test
  void samplesOfOneSeriesGoTogetherInTimeOrder() {
    Series a = new Series("a", Labels.EMPTY);
    Series b = new Series("b", Labels.EMPTY);
    byte[] mixed =
        WriteRequestEncoder.encode(
            List.of(new Sample(a, 2, 2), new Sample(b, 1, 1), new Sample(a, 1, 1)));
    byte[] grouped =
        WriteRequestEncoder.encode(
            List.of(new Sample(a, 1, 1), new Sample(a, 2, 2), new Sample(b, 1, 1)));

    assertThat(mixed).isEqualTo(grouped);
  }

  @Test
  void aNegativeTimestampIsATenByteVarint() {
    ProtoWriter w = new ProtoWriter();
    w.int64(2, -1);

    assertThat(HexFormat.of().formatHex(w.toByteArray())).isEqualTo("10" + "ffffffffffffffffff01");
  }

  @Test
  void theBodyIsSnappyBlockFormatThatDecompressesToTheRequest() throws Exception {
    byte[] raw =
        WriteRequestEncoder.encode(
            List.of(new Sample(new Series("x", Labels.of("job", "powermon")), 5, 0.5)));
    byte[] compressed = new RemoteWriteSender(null).compress(raw);

    // Block format starts with the uncompressed length as a varint; the framed format would start
    // ff 06 00 00 "sNaPpY".
    assertThat(compressed[0] & 0xff).isEqualTo(raw.length);
    byte[] back = new byte[SnappyDecompressor.getUncompressedLength(compressed, 0)];
    new SnappyDecompressor().decompress(compressed, 0, compressed.length, back, 0, back.length);
    assertThat(back).isEqualTo(raw);
  }

  private static String hex(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
  }
}
