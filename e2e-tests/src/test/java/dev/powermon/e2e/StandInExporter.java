package dev.powermon.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves a fixed exposition of every family the dashboards read, with counters advancing in
 * real time. It stands in for the exporter JAR until exporter/ is on main, so that the
 * dashboard harness itself (variables, expansion, evaluation) is proven meanwhile.
 */
final class StandInExporter implements MetricsSource {
  private static final String EXPOSITION = """
      # TYPE powermon_build_info gauge
      powermon_build_info{version="0.1.0",revision="e2e",java_version="17"} 1
      # TYPE powermon_collector_success gauge
      powermon_collector_success{collector="rapl"} 1
      powermon_collector_success{collector="host"} 1
      powermon_collector_success{collector="jetson"} 1
      powermon_collector_success{collector="kasa"} 1
      # TYPE powermon_power_watts gauge
      powermon_power_watts{source="rapl",device="node1",domain="package",socket="0"} 21.5
      powermon_power_watts{source="rapl",device="node1",domain="dram",socket="0"} 3.5
      powermon_power_watts{source="rapl",device="node1",domain="total"} 25
      powermon_power_watts{source="jetson",device="orin-nano",domain="VDD_IN"} 5
      powermon_power_watts{source="jetson",device="orin-nano",domain="VDD_CPU_GPU_CV"} 1.5
      powermon_power_watts{source="jetson",device="orin-nano",domain="total"} 5
      powermon_power_watts{source="kasa",device="8006STRIP",domain="total"} 60
      # TYPE powermon_energy_joules_total counter
      powermon_energy_joules_total{source="rapl",device="node1",domain="package",socket="0"} %1$s
      powermon_energy_joules_total{source="rapl",device="node1",domain="total"} %2$s
      powermon_energy_joules_total{source="jetson",device="orin-nano",domain="VDD_IN"} %3$s
      powermon_energy_joules_total{source="jetson",device="orin-nano",domain="total"} %3$s
      powermon_energy_joules_total{source="kasa",device="8006STRIP",domain="total"} %4$s
      # TYPE powermon_host_cpu_utilization_ratio gauge
      powermon_host_cpu_utilization_ratio 0.25
      # TYPE powermon_host_memory_used_bytes gauge
      powermon_host_memory_used_bytes 2.0e9
      # TYPE powermon_host_memory_total_bytes gauge
      powermon_host_memory_total_bytes 8.0e9
      # TYPE powermon_host_network_receive_bytes_total counter
      powermon_host_network_receive_bytes_total{interface="eth0"} %5$s
      # TYPE powermon_host_network_transmit_bytes_total counter
      powermon_host_network_transmit_bytes_total{interface="eth0"} %5$s
      # TYPE kasa_device_info gauge
      kasa_device_info{device_id="8006STRIP",alias="Rack strip",model="HS300(US)",ip="127.0.0.2",hw_ver="1.0",sw_ver="1.0.6",mac="00:00:5E:00:53:01"} 1
      # TYPE kasa_device_relay_state gauge
      kasa_device_relay_state{device_id="8006STRIP",alias="Rack strip"} 1
      # TYPE kasa_device_rssi_dbm gauge
      kasa_device_rssi_dbm{device_id="8006STRIP",alias="Rack strip"} -52
      # TYPE kasa_device_on_time_seconds gauge
      kasa_device_on_time_seconds{device_id="8006STRIP",alias="Rack strip"} 3600
      # TYPE kasa_device_cloud_connected gauge
      kasa_device_cloud_connected{device_id="8006STRIP",alias="Rack strip"} 1
      # TYPE kasa_device_voltage_volts gauge
      kasa_device_voltage_volts{device_id="8006STRIP",alias="Rack strip"} 120.1
      # TYPE kasa_device_current_amps gauge
      kasa_device_current_amps{device_id="8006STRIP",alias="Rack strip"} 0.5
      # TYPE kasa_device_power_watts gauge
      kasa_device_power_watts{device_id="8006STRIP",alias="Rack strip"} 60
      # TYPE kasa_device_energy_watt_hours_total counter
      kasa_device_energy_watt_hours_total{device_id="8006STRIP",alias="Rack strip"} %6$s
      # TYPE kasa_plug_power_watts gauge
      kasa_plug_power_watts{device_id="8006STRIP",alias="Rack strip",plug_id="8006STRIP00",plug_alias="NAS",plug_slot="0"} 60
      # TYPE kasa_plug_relay_state gauge
      kasa_plug_relay_state{device_id="8006STRIP",alias="Rack strip",plug_id="8006STRIP00",plug_alias="NAS",plug_slot="0"} 1
      # TYPE kasa_scrape_success gauge
      kasa_scrape_success{device_id="8006STRIP"} 1
      # TYPE kasa_scrape_duration_seconds gauge
      kasa_scrape_duration_seconds 0.012
      # TYPE kasa_devices_discovered gauge
      kasa_devices_discovered 1
      # TYPE jetson_temp_cpu_celsius gauge
      jetson_temp_cpu_celsius{device_type="orin-nano",hostname="jetson"} 45.5
      # TYPE jetson_cpu_avg_usage_percent gauge
      jetson_cpu_avg_usage_percent{device_type="orin-nano",hostname="jetson"} 12
      # TYPE jetson_gpu_usage_percent gauge
      jetson_gpu_usage_percent{device_type="orin-nano",hostname="jetson"} 3
      # TYPE jetson_gpu_freq_hertz gauge
      jetson_gpu_freq_hertz{device_type="orin-nano",hostname="jetson"} 3.05e8
      # TYPE jetson_ram_used_bytes gauge
      jetson_ram_used_bytes{device_type="orin-nano",hostname="jetson"} 2.5e9
      # TYPE jetson_ram_total_bytes gauge
      jetson_ram_total_bytes{device_type="orin-nano",hostname="jetson"} 8.0e9
      # TYPE jetson_swap_used_bytes gauge
      jetson_swap_used_bytes{device_type="orin-nano",hostname="jetson"} 0
      """;

  private final HttpServer server;
  private final long startNanos = System.nanoTime();

  private StandInExporter(HttpServer server) {
    this.server = server;
  }

  static StandInExporter start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    StandInExporter exporter = new StandInExporter(server);
    server.createContext("/metrics", exchange -> {
      byte[] body = exporter.exposition().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    server.start();
    return exporter;
  }

  /** Counters = power x seconds since start, so rate() gives the gauges back. */
  private String exposition() {
    double s = (System.nanoTime() - startNanos) / 1e9;
    return EXPOSITION.formatted(21.5 * s, 25 * s, 5 * s, 60 * s, 1000 * s, 60 * s / 3600);
  }

  @Override
  public String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
