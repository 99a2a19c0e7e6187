package io.enhancer.engine.models.segmentation;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.enhancer.engine.errors.ModelException;
import io.enhancer.engine.models.OpenCvRuntime;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor.ChannelOrder;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor.OutputActivation;
import io.enhancer.engine.models.segmentation.SegmenterDescriptor.OutputNormalization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * One ONNX saliency model run at its own input size: BGR image in (any size, resized without regard to aspect),
 * [0,1] saliency map at the model's output size out. The session is created once; {@link #saliency} is
 * thread-safe (ONNX Runtime sessions allow concurrent runs) and deterministic for a fixed thread count.
 */
public final class OnnxSegmenter implements AutoCloseable {
  private final SegmenterDescriptor descriptor;
  private final OrtSession session;
  private final String inputName;
  private final String checksum;

  /**
   * Loads {@code dir/<descriptor.file>}, verifying its checksum when the descriptor gives one.
   *
   * @param intraOpThreads threads for one inference; fixed so results do not depend on the machine
   */
  public OnnxSegmenter(SegmenterDescriptor descriptor, Path dir, int intraOpThreads) {
    OpenCvRuntime.ensureLoaded();
    if (intraOpThreads < 1 || intraOpThreads > 64) {
      throw new IllegalArgumentException("intra-op threads must be 1..64, got " + intraOpThreads);
    }
    this.descriptor = descriptor;
    Path model = descriptor.modelFile(dir);
    if (!Files.isRegularFile(model)) {
      throw new ModelException("model file " + model + " is missing (run scripts/install-models.sh)", null);
    }
    this.checksum = sha256(model);
    if (descriptor.sha256() != null && !descriptor.sha256().equals(checksum)) {
      throw new ModelException("model file " + model + " has sha256 " + checksum + ", descriptor expects "
          + descriptor.sha256(), null);
    }
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // Sequential execution with a fixed thread count: same input, same output on every machine.
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      // Idle workers sleep instead of spinning: the engine shares its cores with other requests.
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      this.session = OrtEnvironment.getEnvironment().createSession(model.toString(), options);
      this.inputName = session.getInputNames().iterator().next();
      checkInputShape(session.getInputInfo().get(inputName), model);
      if (descriptor.outputIndex() >= session.getNumOutputs()) {
        throw new ModelException("model " + model + " has " + session.getNumOutputs() + " outputs, descriptor asks for"
            + " output_index " + descriptor.outputIndex(), null);
      }
    } catch (OrtException e) {
      throw new ModelException("cannot load model " + model + ": " + e.getMessage(), e);
    }
  }

  public SegmenterDescriptor descriptor() {
    return descriptor;
  }

  /** sha256 of the loaded file, for reports. */
  public String checksum() {
    return checksum;
  }

  /** Saliency of a CV_8UC3 BGR image as a CV_32FC1 map in [0,1] at the model's output size. */
  public Mat saliency(Mat bgr) {
    int w = descriptor.inputWidth();
    int h = descriptor.inputHeight();
    float[] tensor = toInputTensor(bgr, w, h);
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(tensor), new long[] {1, 3, h, w});
         OrtSession.Result result = session.run(Map.of(inputName, input))) {
      OnnxValue value = result.get(descriptor.outputIndex());
      if (!(value instanceof OnnxTensor out)) throw new ModelException("model output is not a tensor", null);
      long[] shape = out.getInfo().getShape();
      int outH = (int) shape[shape.length - 2];
      int outW = (int) shape[shape.length - 1];
      FloatBuffer data = out.getFloatBuffer();
      if (data.remaining() != (long) outH * outW) {
        throw new ModelException("model output " + java.util.Arrays.toString(shape) + " is not a single map", null);
      }
      float[] map = new float[outH * outW];
      data.get(map);
      toUnitRange(map);
      Mat saliency = new Mat(outH, outW, CvType.CV_32FC1);
      saliency.put(0, 0, map);
      return saliency;
    } catch (OrtException e) {
      throw new ModelException("model " + descriptor.name() + " failed: " + e.getMessage(), e);
    }
  }

  private float[] toInputTensor(Mat bgr, int w, int h) {
    Mat resized = new Mat();
    // INTER_AREA when shrinking avoids aliasing that the model never saw in training.
    boolean shrinking = bgr.cols() > w || bgr.rows() > h;
    Imgproc.resize(bgr, resized, new Size(w, h), 0, 0, shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_CUBIC);
    List<Mat> planes = new ArrayList<>(3);
    Core.split(resized, planes);
    if (descriptor.channelOrder() == ChannelOrder.RGB) {
      planes = List.of(planes.get(2), planes.get(1), planes.get(0));
    }
    float[] tensor = new float[3 * w * h];
    float[] plane = new float[w * h];
    Mat normalised = new Mat();
    for (int c = 0; c < 3; c++) {
      double std = descriptor.std().get(c);
      double mean = descriptor.mean().get(c);
      planes.get(c).convertTo(normalised, CvType.CV_32F, 1.0 / (descriptor.scale() * std), -mean / std);
      normalised.get(0, 0, plane);
      System.arraycopy(plane, 0, tensor, c * w * h, w * h);
    }
    normalised.release();
    resized.release();
    planes.forEach(Mat::release);
    return tensor;
  }

  private void toUnitRange(float[] map) {
    if (descriptor.outputActivation() == OutputActivation.SIGMOID) {
      for (int i = 0; i < map.length; i++) map[i] = (float) (1.0 / (1.0 + Math.exp(-map[i])));
    }
    if (descriptor.normalizeOutput() == OutputNormalization.MINMAX) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (float v : map) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      float range = max - min;
      // A flat map carries no object: return all background rather than dividing by ~0.
      for (int i = 0; i < map.length; i++) map[i] = range > 1e-6f ? (map[i] - min) / range : 0f;
    } else {
      for (int i = 0; i < map.length; i++) map[i] = Math.min(1f, Math.max(0f, map[i]));
    }
  }

  private void checkInputShape(NodeInfo info, Path model) {
    if (info.getInfo() instanceof TensorInfo tensor) {
      long[] shape = tensor.getShape();
      boolean fits = shape.length == 4 && (shape[1] == 3 || shape[1] < 0)
          && (shape[2] == descriptor.inputHeight() || shape[2] < 0)
          && (shape[3] == descriptor.inputWidth() || shape[3] < 0);
      if (!fits) {
        throw new ModelException("model " + model + " expects input " + java.util.Arrays.toString(shape)
            + ", descriptor says 1x3x" + descriptor.inputHeight() + "x" + descriptor.inputWidth(), null);
      }
    }
  }

  static String sha256(Path file) {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new ModelException("cannot read model file " + file, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is a required JDK algorithm", e);
    }
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      throw new ModelException("cannot close model " + descriptor.name(), e);
    }
  }
}
