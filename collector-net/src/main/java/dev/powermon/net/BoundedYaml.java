package dev.powermon.net;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The one set of SnakeYAML limits for every YAML file powermon reads: the config file (and the
 * config server's copies of it), web configs and device credentials files. Each reader bounds the
 * file's size, and the config file its lines, before the parser runs; these limits stop what fits
 * in a small file and still explodes: alias bombs ("billion laughs"), nesting deep enough to
 * overflow the parser's stack, keys given twice (the second would silently win).
 */
public final class BoundedYaml {
  /** A powermon config nests five levels deep; the toolkit's web config three. */
  public static final int MAX_NESTING = 20;

  /** Anchors are allowed in the config file, a few at a time; ten cannot multiply into a bomb. */
  public static final int MAX_ALIASES = 10;

  private BoundedYaml() {}

  /**
   * A parser that builds only plain maps, lists and scalars, and refuses a document past these
   * limits or longer than {@code maxCodePoints} (the reader's own size bound).
   */
  public static Yaml parser(int maxCodePoints) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_NESTING);
    options.setAllowRecursiveKeys(false);
    options.setCodePointLimit(maxCodePoints);
    return new Yaml(new SafeConstructor(options));
  }
}
