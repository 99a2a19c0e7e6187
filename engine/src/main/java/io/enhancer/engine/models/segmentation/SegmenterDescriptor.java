package io.enhancer.engine.models.segmentation;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.enhancer.engine.errors.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the engine must know to run a salient-object segmenter (U²-Netp, IS-Net, BiRefNet ...): read from the
 * {@code model.json} beside the {@code .onnx} file, so another model plugs in without code changes.
 *
 * <p>Input tensor: 1x3xHxW float, {@code ((pixel / scale) - mean[c]) / std[c]} in {@code channelOrder}.
 * Output: the tensor at {@code outputIndex}, 1x1xHxW (or 1xHxW), turned into [0,1] saliency by
 * {@code outputActivation} then {@code normalizeOutput}.
 *
 * @param name             model name for reports, e.g. {@code u2netp}
 * @param file             ONNX file name, relative to the descriptor's folder
 * @param sha256           expected checksum of the ONNX file (lower-case hex), or null to skip the check
 * @param inputWidth       tensor width W
 * @param inputHeight      tensor height H
 * @param mean             per-channel mean in channel order, after dividing by scale
 * @param std              per-channel standard deviation in channel order, after dividing by scale
 * @param channelOrder     order of the three input planes
 * @param scale            divisor taking 8-bit pixels to the model's range (255 for [0,1], 1 for [0,255])
 * @param outputIndex      which model output holds the saliency map
 * @param outputActivation function applied to the raw output (sigmoid for logits)
 * @param normalizeOutput  whether to stretch the map to [0,1] by its min and max
 */
public record SegmenterDescriptor(
    String name, String file, String sha256, int inputWidth, int inputHeight, List<Double> mean, List<Double> std,
    ChannelOrder channelOrder, double scale, int outputIndex, OutputActivation outputActivation,
    OutputNormalization normalizeOutput) {

  public static final String FILE_NAME = "model.json";

  public enum ChannelOrder { RGB, BGR }

  public enum OutputActivation { NONE, SIGMOID }

  public enum OutputNormalization { MINMAX, NONE }

  public SegmenterDescriptor {
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
      throw invalid("name must be 1..64 letters, digits, '_', '.', '-', got " + quoted(name));
    }
    if (file == null || file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw invalid("file must be a plain file name beside model.json, got " + quoted(file));
    }
    if (sha256 != null) {
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!sha256.matches("[0-9a-f]{64}")) throw invalid("sha256 must be 64 hex digits, got " + quoted(sha256));
    }
    if (inputWidth < 16 || inputWidth > 4096 || inputHeight < 16 || inputHeight > 4096) {
      throw invalid("input_size must be 16..4096 per side, got [" + inputWidth + ", " + inputHeight + "]");
    }
    mean = threeValues("mean", mean, Double.NEGATIVE_INFINITY);
    std = threeValues("std", std, 0);
    Objects.requireNonNull(channelOrder, "channel_order");
    if (!(scale > 0) || Double.isInfinite(scale)) throw invalid("scale must be > 0, got " + scale);
    if (outputIndex < 0 || outputIndex > 64) throw invalid("output_index must be 0..64, got " + outputIndex);
    Objects.requireNonNull(outputActivation, "output_activation");
    Objects.requireNonNull(normalizeOutput, "normalize_output");
  }

  /** Reads and validates {@code dir/model.json}. */
  public static SegmenterDescriptor read(Path dir) {
    Path json = dir.resolve(FILE_NAME);
    try {
      Json parsed = MAPPER.readValue(Files.readString(json), Json.class);
      return parsed.toDescriptor();
    } catch (NoSuchFileException e) {
      throw new ModelException("no model descriptor at " + json, e);
    } catch (JacksonException e) {
      throw new ModelException("model descriptor " + json + " is not valid: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new ModelException("cannot read model descriptor " + json, e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new ModelException("model descriptor " + json + " is not valid: " + e.getMessage(), e);
    }
  }

  /** The ONNX file this descriptor names, inside {@code dir}. */
  public Path modelFile(Path dir) {
    return dir.resolve(file);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper()
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  /** The file's shape; every key is required except sha256 (checked when given). */
  record Json(
      @JsonProperty(value = "name", required = true) String name,
      @JsonProperty(value = "file", required = true) String file,
      @JsonProperty("sha256") String sha256,
      @JsonProperty(value = "input_size", required = true) List<Integer> inputSize,
      @JsonProperty(value = "mean", required = true) List<Double> mean,
      @JsonProperty(value = "std", required = true) List<Double> std,
      @JsonProperty(value = "channel_order", required = true) String channelOrder,
      @JsonProperty(value = "scale", required = true) double scale,
      @JsonProperty(value = "output_index", required = true) int outputIndex,
      @JsonProperty(value = "output_activation", required = true) String outputActivation,
      @JsonProperty(value = "normalize_output", required = true) String normalizeOutput) {

    SegmenterDescriptor toDescriptor() {
      if (inputSize == null || inputSize.size() != 2 || inputSize.stream().anyMatch(Objects::isNull)) {
        throw invalid("input_size must be [width, height], got " + inputSize);
      }
      return new SegmenterDescriptor(name, file, sha256, inputSize.get(0), inputSize.get(1), mean, std,
          parse(ChannelOrder.class, "channel_order", channelOrder),
          scale, outputIndex,
          parse(OutputActivation.class, "output_activation", outputActivation),
          parse(OutputNormalization.class, "normalize_output", normalizeOutput));
    }
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(value)) return constant;
    }
    throw invalid(key + " must be one of " + List.of(type.getEnumConstants()).toString().toLowerCase(Locale.ROOT)
        + ", got " + quoted(value));
  }

  private static List<Double> threeValues(String key, List<Double> values, double exclusiveMinimum) {
    if (values == null || values.size() != 3 || values.stream().anyMatch(Objects::isNull)) {
      throw invalid(key + " must hold 3 numbers, got " + values);
    }
    for (double v : values) {
      if (!Double.isFinite(v) || v <= exclusiveMinimum) {
        throw invalid(key + " values must be finite" + (exclusiveMinimum == 0 ? " and > 0" : "") + ", got " + values);
      }
    }
    return List.copyOf(values);
  }

  private static String quoted(String s) {
    return s == null ? "nothing" : "'" + s + "'";
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException(message);
  }
}
