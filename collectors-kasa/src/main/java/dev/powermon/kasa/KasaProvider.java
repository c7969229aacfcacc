package dev.powermon.kasa;

import dev.powermon.api.Collector;
import dev.powermon.api.CollectorContext;
import dev.powermon.api.CollectorProvider;
import dev.powermon.api.MetricSpec;
import dev.powermon.api.ProbeResult;
import dev.powermon.api.SettingSpec;
import java.util.List;

/** TP-Link Kasa plugs, strips and bulbs over the legacy protocol. Networked: never enabled unless named. */
public final class KasaProvider implements CollectorProvider {

  @Override
  public String name() {
    return "kasa";
  }

  @Override
  public String description() {
    return "TP-Link Kasa smart plugs, strips and bulbs on the LAN (legacy protocol, TCP/UDP 9999).";
  }

  @Override
  public List<SettingSpec> settings() {
    return KasaSettings.SPECS;
  }

  @Override
  public List<MetricSpec> metrics() {
    return KasaMetrics.ALL;
  }

  @Override
  public boolean networked() {
    return true;
  }

  @Override
  public ProbeResult probe(CollectorContext context) {
    try {
      KasaSettings s = KasaSettings.from(context.settings());
      String found = s.targets().size() + " target(s)";
      return ProbeResult.available(
          s.discovery() ? found + ", discovery via " + s.discoveryAddress() + ":" + s.port() : found);
    } catch (IllegalArgumentException e) {
      return ProbeResult.unavailable(e.getMessage());
    }
  }

  @Override
  public Collector open(CollectorContext context) throws Exception {
    return KasaCollector.open(context);
  }
}
