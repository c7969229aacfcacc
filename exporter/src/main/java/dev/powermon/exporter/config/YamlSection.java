package dev.powermon.exporter.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping whose keys are taken one by one; whatever is left is an unknown key, reported at
 * its file:line:column. Values are read from the node tree as written, so YAML 1.1's {@code on},
 * {@code no} and {@code 010} never silently become booleans or octal numbers.
 */
final class YamlSection {
  private final String file;
  private final String path;
  private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

  YamlSection(String file, String path, Node node) throws ConfigException {
    this.file = file;
    this.path = path;
    if (!(node instanceof MappingNode)) {
      throw error(
          node, (path.isEmpty() ? "the file" : path) + " must be a mapping of keys to values");
    }
    for (NodeTuple t : ((MappingNode) node).getValue()) {
      if (!(t.getKeyNode() instanceof ScalarNode)) {
        throw error(t.getKeyNode(), "keys must be plain strings");
      }
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      if (entries.put(key, t) != null) {
        throw error(t.getKeyNode(), "duplicate key '" + qualified(key) + "'");
      }
    }
  }

  /** Removes and returns the value node of {@code key}. */
  Optional<Node> take(String key) {
    return Optional.ofNullable(entries.remove(key)).map(NodeTuple::getValueNode);
  }

  /** Removes and returns {@code key}'s value as a scalar string, as written. */
  Optional<String> takeScalar(String key) throws ConfigException {
    Optional<Node> node = take(key);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(scalar(node.get(), qualified(key)));
  }

  /** Removes and returns a nested section. A key with an empty value gives an empty section. */
  Optional<YamlSection> takeSection(String key) throws ConfigException {
    Optional<Node> node = take(key);
    if (node.isEmpty() || isNull(node.get())) {
      return Optional.empty();
    }
    return Optional.of(child(key, node.get()));
  }

  /** A nested mapping under {@code key}, reporting errors against the same file. */
  YamlSection child(String key, Node node) throws ConfigException {
    return new YamlSection(file, qualified(key), node);
  }

  /** The keys not yet taken, in file order. */
  List<String> remainingKeys() {
    return new ArrayList<>(entries.keySet());
  }

  /** Fails on the first key nobody took. */
  void requireNoneLeft(String expected) throws ConfigException {
    for (NodeTuple t : entries.values()) {
      String key = ((ScalarNode) t.getKeyNode()).getValue();
      throw error(t.getKeyNode(), "unknown key '" + qualified(key) + "'; expected " + expected);
    }
  }

  String scalar(Node node, String what) throws ConfigException {
    if (!(node instanceof ScalarNode) || isNull(node)) {
      throw error(node, what + " must be a single value, not " + describe(node));
    }
    return ((ScalarNode) node).getValue();
  }

  /** A scalar or a sequence of scalars, as text. */
  List<String> scalars(Node node, String what) throws ConfigException {
    if (node instanceof SequenceNode) {
      List<String> values = new ArrayList<>();
      for (Node item : ((SequenceNode) node).getValue()) {
        values.add(scalar(item, what + " item"));
      }
      return values;
    }
    return List.of(scalar(node, what));
  }

  boolean bool(Node node, String what) throws ConfigException {
    String text = scalar(node, what);
    if (text.equals("true")) {
      return true;
    }
    if (text.equals("false")) {
      return false;
    }
    throw error(node, what + " must be true or false, not '" + text + "'");
  }

  String qualified(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  ConfigException error(Node at, String message) {
    Mark m = at.getStartMark();
    return new ConfigException(
        file + ":" + (m.getLine() + 1) + ":" + (m.getColumn() + 1) + ": " + message);
  }

  /** An empty value: {@code key:} with nothing after it, or {@code ~}/{@code null}. */
  static boolean isNull(Node node) {
    return node instanceof ScalarNode
        && node.getTag().getValue().endsWith(":null")
        && ((ScalarNode) node).getValue().matches("|~|null|Null|NULL");
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return "an empty value";
  }
}
