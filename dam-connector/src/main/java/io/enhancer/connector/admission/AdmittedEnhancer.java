package io.enhancer.connector.admission;

import io.enhancer.engine.api.EnhanceResult;
import io.enhancer.engine.api.Enhancer;
import io.enhancer.engine.codec.ImageDecoder;
import io.enhancer.engine.options.EnhanceOptions;

/**
 * The engine behind the admission gate: the run is counted from the pixels the file's header declares (read
 * before any pixel is decoded), and the slot is held only while the engine runs, never while fetching.
 */
public final class AdmittedEnhancer {
  private final Enhancer enhancer;
  private final EngineAdmission admission;
  private final AdmissionProperties properties;

  public AdmittedEnhancer(Enhancer enhancer, EngineAdmission admission, AdmissionProperties properties) {
    this.enhancer = enhancer;
    this.admission = admission;
    this.properties = properties;
  }

  /** Real time: waits briefly for a slot, else throws {@link EngineBusyException}. */
  public EnhanceResult enhanceNow(byte[] image, EnhanceOptions options) {
    long bytes = runBytes(image);
    try (EngineAdmission.Permit permit = admission.admitRealTime(bytes)) {
      return run(image, options, bytes);
    }
  }

  /** A queued job: waits as long as it takes for its turn. */
  public EnhanceResult enhanceWhenAdmitted(byte[] image, EnhanceOptions options) {
    long bytes = runBytes(image);
    try (EngineAdmission.Permit permit = admission.admitQueued(bytes)) {
      return run(image, options, bytes);
    }
  }

  /**
   * The engine frees its frames itself; temporaries inside steps still go with their Java objects, which a large
   * heap may not collect for minutes. After a large run a collection returns that native memory before the
   * reservation is given back, so the budget stays true.
   */
  private EnhanceResult run(byte[] image, EnhanceOptions options, long bytes) {
    try {
      return enhancer.enhance(image, options);
    } finally {
      if (properties.collectAfter().toBytes() > 0 && bytes >= properties.collectAfter().toBytes()) System.gc();
    }
  }

  private long runBytes(byte[] image) {
    return properties.runBytes(ImageDecoder.declaredPixels(image));
  }
}
