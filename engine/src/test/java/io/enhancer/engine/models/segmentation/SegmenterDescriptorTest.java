package io.enhancer.engine.models.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.enhancer.engine.errors.ModelException;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor.ChannelOrder;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor.OutputActivation;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor.OutputNormalization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmenterDescriptorTest {
  private static final String U2NETP = """
      {"name": "u2netp", "file": "u2netp.onnx",
       "sha256": "309C8469258DDA742793DCE0EBEA8E6DD393174F89934733ECC8B14C76F4DDD8",
       "input_size": [320, 320], "mean": [0.485, 0.456, 0.406], "std": [0.229, 0.224, 0.225],
       "channel_order": "rgb", "scale": 255, "output_index": 0, "output_activation": "none",
       "normalize_output": "minmax"}
      """;

  @TempDir Path dir;

  @Test
  void readsEveryFieldOfTheU2netpDescriptor() throws IOException {
    SegmenterDescriptor d = write(U2NETP);

    assertThat(d.name()).isEqualTo("u2netp");
    assertThat(d.modelFile(dir)).isEqualTo(dir.resolve("u2netp.onnx"));
    assertThat(d.sha256()).isEqualTo("309c8469258dda742793dce0ebea8e6dd393174f89934733ecc8b14c76f4ddd8");
    assertThat(d.inputWidth()).isEqualTo(320);
    assertThat(d.inputHeight()).isEqualTo(320);
    assertThat(d.mean()).containsExactly(0.485, 0.456, 0.406);
    assertThat(d.std()).containsExactly(0.229, 0.224, 0.225);
    assertThat(d.channelOrder()).isEqualTo(ChannelOrder.RGB);
    assertThat(d.scale()).isEqualTo(255);
    assertThat(d.outputIndex()).isZero();
    assertThat(d.outputActivation()).isEqualTo(OutputActivation.NONE);
    assertThat(d.normalizeOutput()).isEqualTo(OutputNormalization.MINMAX);
  }

  @Test
  void acceptsAnotherModelWithoutChecksumLikeBirefnet() throws IOException {
    SegmenterDescriptor d = write("""
        {"name": "birefnet-lite", "file": "model.onnx", "input_size": [1024, 768],
         "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "channel_order": "BGR", "scale": 255,
         "output_index": 3, "output_activation": "sigmoid", "normalize_output": "none"}
        """);

    assertThat(d.sha256()).isNull();
    assertThat(d.inputWidth()).isEqualTo(1024);
    assertThat(d.inputHeight()).isEqualTo(768);
    assertThat(d.channelOrder()).isEqualTo(ChannelOrder.BGR);
    assertThat(d.outputIndex()).isEqualTo(3);
    assertThat(d.outputActivation()).isEqualTo(OutputActivation.SIGMOID);
    assertThat(d.normalizeOutput()).isEqualTo(OutputNormalization.NONE);
  }

  @Test
  void rejectsUnknownKeyNamingIt() {
    assertThatThrownBy(() -> write(U2NETP.replace("\"scale\"", "\"resize_mode\": \"crop\", \"scale\"")))
        .isInstanceOf(ModelException.class).hasMessageContaining("resize_mode");
  }

  @Test
  void rejectsMissingOutputActivation() {
    assertThatThrownBy(() -> write(U2NETP.replace("\"output_activation\": \"none\",", "")))
        .isInstanceOf(ModelException.class).hasMessageContaining("output_activation");
  }

  @Test
  void rejectsZeroStandardDeviationNamingTheValues() {
    assertThatThrownBy(() -> write(U2NETP.replace("[0.229, 0.224, 0.225]", "[0.229, 0, 0.225]")))
        .isInstanceOf(ModelException.class).hasMessageContaining("std").hasMessageContaining("0.0");
  }

  @Test
  void rejectsUnknownActivationListingTheAllowedOnes() {
    assertThatThrownBy(() -> write(U2NETP.replace("\"output_activation\": \"none\"", "\"output_activation\": \"softmax\"")))
        .isInstanceOf(ModelException.class).hasMessageContaining("softmax").hasMessageContaining("sigmoid");
  }

  @Test
  void rejectsModelFileOutsideTheDescriptorFolder() {
    assertThatThrownBy(() -> write(U2NETP.replace("\"u2netp.onnx\"", "\"../../etc/model.onnx\"")))
        .isInstanceOf(ModelException.class).hasMessageContaining("plain file name");
  }

  @Test
  void rejectsInputSizeWithOneSide() {
    assertThatThrownBy(() -> write(U2NETP.replace("[320, 320]", "[320]")))
        .isInstanceOf(ModelException.class).hasMessageContaining("input_size");
  }

  @Test
  void reportsMissingDescriptorWithItsPath() {
    assertThatThrownBy(() -> SegmenterDescriptor.read(dir))
        .isInstanceOf(ModelException.class).hasMessageContaining(dir.resolve("model.json").toString());
  }

  @Test
  void rejectsNonsenseInTheRecordConstructorToo() {
    assertThatThrownBy(() -> new SegmenterDescriptor("u2netp", "u2netp.onnx", "abc", 320, 320, List.of(0.5, 0.5, 0.5),
        List.of(0.5, 0.5, 0.5), ChannelOrder.RGB, 255, 0, OutputActivation.NONE, OutputNormalization.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sha256").hasMessageContaining("'abc'");
  }

  private SegmenterDescriptor write(String json) throws IOException {
    Files.writeString(dir.resolve("model.json"), json);
    return SegmenterDescriptor.read(dir);
  }
}
