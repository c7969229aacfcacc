package dev.powermon.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.powermon.exporter.cli.Cli;
import dev.powermon.exporter.runtime.Providers;
import dev.powermon.kasa.sim.DeviceProfile;
import dev.powermon.kasa.sim.Fault;
import dev.powermon.kasa.sim.Fleet;
import dev.powermon.kasa.sim.SimulatedAesDevice;
import dev.powermon.kasa.sim.SimulatedKlapDevice;
import dev.powermon.kasa.sim.SmartProfile;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The kasa collector inside the exporter, against simulated devices on 127.0.0.1. */
class KasaEndToEndTest {
  private static final String STRIP = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900004";
  private static final String PLUG = "8006A1B2C3D4E5F60718293A4B5C6D7E8F900002";

  /** The kasa collector on every device of {@code fleet}, then {@code more} flags. */
  private static String[] args(Fleet fleet, String... more) {
    List<String> args =
        new ArrayList<>(List.of("--collector", "kasa", "--collector.kasa.timeout=500ms"));
    for (String target : fleet.targets()) {
      args.add("--collector.kasa.target=" + target);
    }
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void metricsAndProbeServeTheDevicesAndADeadOneCostsOnlyItsOwnSeries() throws Exception {
    try (Fleet fleet = Fleet.start("hs300", "plug-new", "plug-old")) {
      fleet.get(2).fault(Fault.NEVER_ANSWERS);
      try (Server server =
          Server.start(
              Cli.setup(
                  Providers.discover(),
                  args(
                      fleet,
                      "--web.admin-address=off",
                      "--web.listen-address=127.0.0.1:0",
                      // no background cycle during the test: /probe answers the power read
                      // since it started, which must be its own device's only
                      "--collector.kasa.poll-interval=1h")))) {
        String base = "http://127.0.0.1:" + server.port();
        String metrics = Http.get(base + "/metrics").body();
        assertThat(metrics)
            .contains("powermon_collector_success{collector=\"kasa\"} 1.0")
            .contains("kasa_scrape_success{device_id=\"" + STRIP + "\"} 1.0")
            .contains("kasa_scrape_success{device_id=\"" + fleet.get(2).target() + "\"} 0.0")
            .contains(
                "powermon_power_watts{device=\""
                    + STRIP
                    + "\",domain=\"total\",source=\"kasa\"} 202.75")
            .contains(
                "powermon_power_watts{device=\""
                    + STRIP
                    + "\",domain=\"Space heater\",source=\"kasa\"} 150.0")
            .contains(
                "kasa_plug_power_watts{alias=\"Rack strip\",device_id=\""
                    + STRIP
                    + "\",ip=\"127.0.0.1\","
                    + "model=\"HS300(US)\",plug_alias=\"Router\",plug_id=\""
                    + STRIP
                    + "01\",plug_slot=\"1\"} 35.25");
        // Energy in joules, the base unit: promtool has nothing to say about the plugs' families.
        assertThat(metrics)
            .contains("kasa_plug_energy_joules_total{")
            .contains("kasa_device_energy_joules_total{");
        assertThat(Promtool.checkMetrics(metrics)).isEmpty();

        HttpResponse<String> probe = Http.get(base + "/probe?target=" + fleet.get(1).target());
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body())
            .contains("powermon_probe_success 1.0")
            .contains("} 61.25")
            // a configured device's probe is a poll like any other: the core answers its power
            .contains(
                "powermon_power_watts{device=\""
                    + PLUG
                    + "\",domain=\"total\",source=\"kasa\"} 61.25")
            .doesNotContain(STRIP);
        assertThat(Http.get(base + "/probe?target=" + fleet.get(2).target()).body())
            .contains("powermon_probe_success 0.0");
        assertThat(Http.get(base + "/probe?target=127.0.0.2").statusCode()).isEqualTo(403);
      }
    }
  }

  @Test
  void probeAnswersBeforeAnyScrape() throws Exception {
    // A Prometheus job that only scrapes /probe must get data without /metrics ever being scraped.
    try (Fleet fleet = Fleet.start("plug-new")) {
      try (Server server =
          Server.start(
              Cli.setup(
                  Providers.discover(),
                  args(fleet, "--web.admin-address=off", "--web.listen-address=127.0.0.1:0")))) {
        HttpResponse<String> probe =
            Http.get(
                "http://127.0.0.1:" + server.port() + "/probe?target=" + fleet.get(0).target());
        assertThat(probe.statusCode()).isEqualTo(200);
        assertThat(probe.body()).contains("powermon_probe_success 1.0");
      }
    }
  }

  @Test
  void probeCommandPrintsOneLinePerDevice() throws Exception {
    try (Fleet fleet = Fleet.start("hs300", "bulb")) {
      StringWriter out = new StringWriter();
      List<String> probe = new ArrayList<>(List.of("probe"));
      probe.addAll(List.of(args(fleet)));
      int code =
          Cli.commandLine(Providers.discover())
              .setOut(new PrintWriter(out, true))
              .execute(probe.toArray(String[]::new));
      assertThat(code).isZero();
      assertThat(out.toString())
          .contains("kasa: HS300(US)")
          .contains("\"Rack strip\"")
          .contains("202.8 W")
          .contains("4/6 outlets on")
          .contains("kasa: KL125(US)");
    }
  }

  @Test
  void probeCommandNamesEveryDevicesTransport() throws Exception {
    // One device per transport, the KLAP and AES ones on TP-Link's documented Kasa default
    // account, so no credentials file is needed.
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (Fleet fleet = Fleet.start("plug-new");
        SimulatedKlapDevice strip =
            SimulatedKlapDevice.start(
                loopback,
                2,
                "kasa@tp-link.net",
                "kasaSetup",
                SimulatedKlapDevice.iot(DeviceProfile.load("hs300-112")));
        SimulatedKlapDevice tapo =
            SimulatedKlapDevice.start(
                loopback,
                2,
                "kasa@tp-link.net",
                "kasaSetup",
                SmartProfile.load("p304m").responder());
        SimulatedAesDevice fridge =
            SimulatedAesDevice.start(
                loopback,
                2,
                "kasa@tp-link.net",
                "kasaSetup",
                SmartProfile.load("kp125m").responder())) {
      List<String> probe =
          List.of(
              "probe",
              "--collector",
              "kasa",
              "--collector.kasa.timeout=5s", // an AES handshake makes an RSA key: slow when busy
              "--collector.kasa.target=" + fleet.get(0).target(),
              "--collector.kasa.target=" + strip.target(),
              "--collector.kasa.target=" + tapo.target(),
              "--collector.kasa.target=" + fridge.target());
      StringWriter out = new StringWriter();
      int code =
          Cli.commandLine(Providers.discover())
              .setOut(new PrintWriter(out, true))
              .execute(probe.toArray(String[]::new));
      assertThat(code).isZero();
      List<String> lines = out.toString().lines().filter(l -> l.startsWith("kasa: ")).toList();
      assertThat(lines).hasSize(4);
      assertThat(lines)
          .anySatisfy(
              l -> assertThat(l).contains("KP115(EU)", fleet.get(0).target(), " xor ", "61.3 W"))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains(
                          "HS300(US)",
                          "\"Rack strip (KLAP)\"",
                          "127.0.0.1:" + strip.port(),
                          " klap v2 "))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("P304M", "\"Desk strip\"", "127.0.0.1:" + tapo.port(), " klap v2 "))
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("KP125M", "127.0.0.1:" + fridge.port(), " aes v2 ", "118.7 W"));
    }
  }
}
