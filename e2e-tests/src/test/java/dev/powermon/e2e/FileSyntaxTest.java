package dev.powermon.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Every JSON, YAML and XML file of monitoring/ and packaging/ parses. */
class FileSyntaxTest {
  private static List<Path> shipped(String... suffixes) {
    return Stream.of(Repo.monitoring(), Repo.packaging())
        .flatMap(dir -> Repo.files(dir, suffixes).stream())
        .toList();
  }

  @Test
  void jsonFilesParse() {
    List<Path> files = shipped(".json");
    assertThat(files).hasSizeGreaterThanOrEqualTo(4);
    ObjectMapper json = new ObjectMapper();
    for (Path f : files) {
      assertThatCode(() -> json.readTree(f.toFile())).as(f.toString()).doesNotThrowAnyException();
    }
  }

  @Test
  void yamlFilesParseWithoutDuplicateKeys() {
    List<Path> files = shipped(".yml", ".yaml");
    // prometheus.yml, fleet targets, 3 rule files, 2 rule tests, 2 Grafana provisioning files,
    // compose, powermon.yml
    assertThat(files).hasSizeGreaterThanOrEqualTo(11);
    for (Path f : files) {
      LoaderOptions options = new LoaderOptions();
      options.setAllowDuplicateKeys(false);
      assertThatCode(
              () -> {
                try (Reader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                  new Yaml(new SafeConstructor(options)).loadAll(in).forEach(doc -> {});
                }
              })
          .as(f.toString())
          .doesNotThrowAnyException();
    }
  }

  @Test
  void xmlAndPlistFilesAreWellFormed() throws Exception {
    List<Path> files = shipped(".xml", ".plist");
    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains("powermon.xml", "dev.powermon.exporter.plist");
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // The plist names Apple's DTD: never fetch it, only check well-formedness.
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    for (Path f : files) {
      assertThat(factory.newDocumentBuilder().parse(f.toFile()).getDocumentElement().getNodeName())
          .as(f.toString())
          .isIn("plist", "service");
    }
  }
}
