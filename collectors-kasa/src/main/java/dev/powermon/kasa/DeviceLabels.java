package dev.powermon.kasa;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code device} label of each polled target: the device's id, unique among devices as long as
 * firmware keeps it so. When two targets claim one id (cloned or scrubbed firmware), the first
 * keeps it and the other is labelled {@code id@target}, so their series and energy never mix.
 */
final class DeviceLabels {
  private final Map<String, String> claims = new HashMap<>(); // id -> target that claimed it first

  synchronized String of(String id, String target) {
    String owner = claims.putIfAbsent(id, target);
    return owner == null || owner.equals(target) ? id : id + "@" + target;
  }

  /** Frees the ids {@code target} claimed, when it is no longer polled. */
  synchronized void release(String target) {
    claims.values().removeIf(target::equals);
  }
}
