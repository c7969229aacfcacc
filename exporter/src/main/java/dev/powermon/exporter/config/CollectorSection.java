package dev.powermon.exporter.config;

import dev.powermon.api.Settings;
import java.util.List;
import java.util.Map;

/**
 * One collector's block in the config file: {@code collectors: {kasa: {enabled: true, target: [a,
 * b]}}}.
 *
 * @param enabled true or false when the file says so, null when it does not
 * @param deadline the per-collector deadline as written, null when absent
 * @param settings the collector's own settings as text, in file order (to tell on reload what
 *     changed)
 * @param parsed the same settings, parsed and checked once while the file was read
 */
public record CollectorSection(
    Boolean enabled, String deadline, Map<String, List<String>> settings, Settings parsed) {}
