package io.enhancer.connector.jobs;

import io.enhancer.connector.images.ImageMapper;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * {@code enhancer.images{status=...}}: images by status, read from the database at scrape time so every instance
 * reports the shared truth. Job outcomes ({@code enhancer.jobs}) and step timings ({@code enhancer.step}) are
 * recorded by {@link TaskProcessor}; consumer lag comes from the Kafka client metrics.
 */
@Component
class JobMetrics {
  JobMetrics(MeterRegistry registry, ImageMapper images) {
    for (String status : List.of("pending", "processing", "completed", "failed")) {
      Gauge.builder("enhancer.images", images, m -> countOf(m.countByStatus(), status))
          .tag("status", status).description("images by processing status").register(registry);
    }
  }

  private static double countOf(List<Map<String, Object>> rows, String status) {
    for (Map<String, Object> row : rows) {
      Object k = row.containsKey("k") ? row.get("k") : row.get("K");
      Object n = row.containsKey("n") ? row.get("n") : row.get("N");
      if (status.equals(k)) return ((Number) n).doubleValue();
    }
    return 0;
  }
}
