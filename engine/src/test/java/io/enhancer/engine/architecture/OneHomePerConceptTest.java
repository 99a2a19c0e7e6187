package io.enhancer.engine.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two classes of the same name in the engine are two homes for one concept (matting had a GuidedFilter and a
 * MatteConfidence under both matting/ and models/segmentation/, rewritten rather than shared). One name, one class.
 */
class OneHomePerConceptTest {

  @Test
  void noTwoMainClassesShareASimpleName() throws IOException {
    Path main = Path.of("src/main/java");
    Map<String, List<Path>> byName;
    try (Stream<Path> files = Files.walk(main)) {
      byName = files.filter(p -> p.toString().endsWith(".java"))
          .collect(Collectors.groupingBy(p -> p.getFileName().toString()));
    }
    assertThat(byName).hasSizeGreaterThan(50);
    Map<String, List<Path>> repeated = byName.entrySet().stream().filter(e -> e.getValue().size() > 1)
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertThat(repeated).as("classes defined in more than one package").isEmpty();
  }

  @Test
  void mattingLivesInTheMattingPackage() {
    for (String name : List.of("GuidedFilter", "MatteConfidence", "MatteRefiner", "MatteEdgeRefiner", "MaskOverlap",
        "MatteCrossCheck")) {
      assertThat(Path.of("src/main/java/io/enhancer/engine/matting", name + ".java")).exists();
    }
  }
}
