package dev.powermon.kasa;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One poll of a SMART device (Tapo P110/P115/P304M, Kasa KP125M, EP25 hw2.6; kasa.md §7), mapped
 * onto the same {@link DeviceReading} as a legacy one, in few requests ({@link SmartBatch}: device
 * info and every energy method in one, then the outlets' energy in groups of five). Power comes
 * from {@code get_energy_usage}'s {@code current_power} (mW), volts and amps from {@code
 * get_emeter_data} where the firmware has it, and {@code get_current_power} (whole watts) only when
 * the first is missing. SMART devices keep no lifetime energy counter ({@code today_energy} resets
 * at midnight, {@code month_energy} monthly, and both with a reboot), so no energy total is read:
 * the core integrates the power samples, which keeps the energy counter monotonic whatever the
 * device's clock and counters do. Strips list their outlets with {@code get_child_device_list}
 * (paged, sorted by {@code position}, which counts from 1) and are asked per outlet ({@code
 * get_energy_usage} only) through {@code control_child}.
 */
final class SmartPoll {
  /**
   * Pages of children read per poll; real strips fit in one, a device paging forever is hostile.
   */
  private static final int MAX_PAGES = 4;

  private static final int MAX_TEXT = 256;
  private static final String WHERE = SmartCommands.DEVICE_INFO;

  private SmartPoll() {}

  /**
   * Sends a poll's first request (device info and every energy method in one {@code
   * multipleRequest}) to a device whose command set is unknown, and returns the reply when it is a
   * SMART one, else null: SMART replies carry {@code error_code}, even from firmware that does not
   * know {@code multipleRequest}; a legacy device answers a module error. One request both tells
   * the command set and starts a SMART device's poll, which {@link #run(KasaSource.Channel,
   * ObjectNode)} then continues.
   */
  static ObjectNode firstReplyIfSmart(KasaSource.Channel channel) throws IOException {
    ObjectNode reply = channel.ask(KasaJson.write(SmartCommands.multiple(firstAsks())));
    return reply.has("error_code") ? reply : null;
  }

  /** Device info, every energy method and the first page of children: a poll's first request. */
  private static List<ObjectNode> firstAsks() {
    return List.of(
        SmartCommands.request(SmartCommands.DEVICE_INFO),
        SmartCommands.request(SmartCommands.ENERGY_USAGE),
        SmartCommands.request(SmartCommands.EMETER_DATA),
        SmartCommands.request(SmartCommands.CURRENT_POWER),
        SmartCommands.childList(0));
  }

  static DeviceReading run(KasaSource.Channel exchange) throws IOException {
    return run(exchange, null);
  }

  /** A poll whose first request {@link #firstReplyIfSmart} sent already: {@code firstReply}. */
  static DeviceReading run(KasaSource.Channel exchange, ObjectNode firstReply) throws IOException {
    FieldProblems problems = new FieldProblems();
    List<ObjectNode> first = SmartBatch.ask(exchange, firstAsks(), firstReply);
    JsonNode info = SmartCommands.result(first.get(0), SmartCommands.DEVICE_INFO);
    String deviceId = problems.requiredText(info, "device_id", WHERE);
    List<Child> children = children(exchange, first.get(4), problems);
    List<DeviceReading.OutletReading> outlets = new ArrayList<>();
    Realtime total;
    if (children.isEmpty()) {
      total = energy(first.get(1), first.get(2), first.get(3), problems);
    } else {
      List<ObjectNode> asks = new ArrayList<>();
      children.forEach(
          c -> asks.add(SmartCommands.child(c.outlet().id(), SmartCommands.ENERGY_USAGE)));
      List<ObjectNode> usages = SmartBatch.ask(exchange, asks);
      List<Realtime> readings = new ArrayList<>();
      boolean metered = false;
      for (int i = 0; i < children.size(); i++) {
        Realtime rt = energy(usages.get(i), null, null, problems);
        metered |= rt != null;
        readings.add(rt == null ? Realtime.NONE : rt);
        outlets.add(new DeviceReading.OutletReading(children.get(i).outlet(), rt));
      }
      total = metered ? Realtime.sum(readings, true) : null;
    }
    List<Outlet> outletList = children.stream().map(Child::outlet).toList();
    SysInfo sysInfo =
        new SysInfo(
            deviceId,
            base64(problems.text(info, "nickname", WHERE), "nickname", problems),
            orEmpty(problems.requiredText(info, "model", WHERE)),
            orEmpty(mac(problems.text(info, "mac", WHERE))),
            orEmpty(problems.text(info, "hw_ver", WHERE)),
            orEmpty(problems.text(info, "fw_ver", WHERE)),
            children.isEmpty() ? SysInfo.Kind.PLUG : SysInfo.Kind.STRIP,
            total != null ? "ENE" : null,
            children.isEmpty() ? bool(info, "device_on", WHERE, problems) : null,
            null,
            problems.number(info, "rssi", WHERE),
            problems.nonNegative(info, "on_time", WHERE),
            null,
            outletList,
            true);
    return new DeviceReading(sysInfo, null, total, outlets, problems.list());
  }

  private record Child(Outlet outlet, int position) {}

  /**
   * The outlets of a strip, sorted by position; empty for a device without children. {@code
   * firstPage} is the reply to {@code get_child_device_list} from index 0; further pages are asked
   * here.
   */
  private static List<Child> children(
      KasaSource.Channel exchange, ObjectNode firstPage, FieldProblems problems)
      throws IOException {
    List<Child> children = new ArrayList<>();
    ObjectNode reply = firstPage;
    for (int page = 0; page < MAX_PAGES && children.size() < SysInfoParser.MAX_OUTLETS; page++) {
      JsonNode result;
      try {
        result = SmartCommands.result(reply, SmartCommands.CHILD_LIST);
      } catch (DeviceErrorException e) {
        break; // a device without children does not know the method
      }
      JsonNode list = result.get("child_device_list");
      if (list == null || !list.isArray() || list.isEmpty()) {
        break;
      }
      for (JsonNode child : list) {
        if (children.size() < SysInfoParser.MAX_OUTLETS) {
          Child c = child(child, problems);
          if (c != null) {
            children.add(c);
          }
        }
      }
      int next = result.path("start_index").asInt(0) + list.size();
      Double sum = problems.nonNegative(result, "sum", SmartCommands.CHILD_LIST);
      if (sum == null || next >= sum || page + 1 >= MAX_PAGES) {
        break;
      }
      reply = exchange.ask(KasaJson.write(SmartCommands.childList(next)));
    }
    children.sort(Comparator.comparingInt(Child::position));
    List<Child> slotted = new ArrayList<>();
    for (int i = 0; i < children.size(); i++) {
      Outlet o = children.get(i).outlet();
      slotted.add(
          new Child(
              new Outlet(o.id(), o.alias(), i, o.state(), o.onTimeSeconds()),
              children.get(i).position()));
    }
    return slotted;
  }

  private static Child child(JsonNode child, FieldProblems problems) {
    String where = SmartCommands.CHILD_LIST + ".child_device_list";
    if (!child.isObject()) {
      problems.add(where, "child", where + ": expected an object, got " + child.getNodeType());
      return null;
    }
    String id = problems.requiredText(child, "device_id", where);
    if (id == null) {
      return null;
    }
    Double position = problems.nonNegative(child, "position", where);
    return new Child(
        new Outlet(
            id,
            base64(problems.text(child, "nickname", where), "nickname", problems),
            0,
            bool(child, "device_on", where, problems),
            problems.nonNegative(child, "on_time", where)),
        position == null ? Integer.MAX_VALUE : position.intValue());
  }

  /**
   * A reading from the replies to {@code get_energy_usage}, {@code get_emeter_data} and {@code
   * get_current_power} (either of the last two may be null: not asked); null when the device has no
   * meter (every energy method unknown to it).
   */
  private static Realtime energy(
      ObjectNode usageReply,
      ObjectNode emeterReply,
      ObjectNode currentReply,
      FieldProblems problems) {
    JsonNode usage = optional(usageReply, SmartCommands.ENERGY_USAGE, problems);
    JsonNode emeter = optional(emeterReply, SmartCommands.EMETER_DATA, problems);
    JsonNode current = optional(currentReply, SmartCommands.CURRENT_POWER, problems);
    Double watts =
        milli(
            usage == null
                ? null
                : problems.nonNegative(usage, "current_power", SmartCommands.ENERGY_USAGE));
    Double volts = null;
    Double amps = null;
    if (emeter != null) {
      volts = milli(problems.nonNegative(emeter, "voltage_mv", SmartCommands.EMETER_DATA));
      amps = milli(problems.nonNegative(emeter, "current_ma", SmartCommands.EMETER_DATA));
      if (watts == null) {
        watts = milli(problems.nonNegative(emeter, "power_mw", SmartCommands.EMETER_DATA));
      }
    }
    if (watts == null && current != null) {
      watts =
          problems.nonNegative(
              current, "current_power", SmartCommands.CURRENT_POWER); // whole watts
    }
    if (usage == null && emeter == null && current == null) {
      return null;
    }
    return watts == null && volts == null && amps == null
        ? Realtime.NONE
        : new Realtime(watts, volts, amps, null);
  }

  /** The method's result, or null when not asked, unknown to the device, or unusable (noted). */
  private static JsonNode optional(ObjectNode reply, String method, FieldProblems problems) {
    if (reply == null) {
      return null;
    }
    try {
      return SmartCommands.result(reply, method);
    } catch (DeviceErrorException e) {
      return null;
    } catch (IOException e) {
      problems.add(method, "result", e.getMessage());
      return null;
    }
  }

  private static Double milli(Double value) {
    return value == null ? null : value / 1000;
  }

  private static Double bool(JsonNode parent, String field, String where, FieldProblems problems) {
    JsonNode node = parent.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isBoolean()) {
      problems.add(
          where,
          field,
          where + "." + field + ": expected true or false, got " + node.getNodeType());
      return null;
    }
    return node.booleanValue() ? 1.0 : 0.0;
  }

  /**
   * A SMART label text: base64 of UTF-8, as the protocol sends nicknames; empty when unusable
   * (noted).
   */
  static String base64(String encoded, String field, FieldProblems problems) {
    if (encoded == null || encoded.isEmpty()) {
      return "";
    }
    try {
      String text = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
      return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
    } catch (IllegalArgumentException e) {
      problems.add(WHERE, field, WHERE + "." + field + ": not base64");
      return "";
    }
  }

  /** {@code 78-8C-B5-00-00-01} as the legacy protocol writes MACs: {@code 78:8C:B5:00:00:01}. */
  private static String mac(String mac) {
    return mac == null ? null : mac.replace('-', ':').toUpperCase(Locale.ROOT);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
