package io.enhancer.engine.api;

import io.enhancer.engine.codec.SourceInfo;
import io.enhancer.engine.pipeline.StepTrace;
import io.enhancer.engine.quality.ImageMetrics;
import io.enhancer.engine.quality.QcStatus;
import io.enhancer.engine.quality.labelguard.LabelGuardResult;
import java.util.List;
import java.util.Map;

/**
 * Everything an enhancement decided and measured ({@code labelGuard} null only when opted out); serialised as snake_case JSON by {@link ReportJson}. */
public record EnhanceReport(
    double qcScore,
    QcStatus qcStatus,
    List<String> reasons,
    ImageMetrics metricsBefore,
    ImageMetrics metricsAfter,
    List<StepTrace> steps,
    OutputInfo output,
    SourceInfo source,
    String mode,
    String preset,
    Map<String, Object> decisions,
    LabelGuardResult labelGuard) {}
