package io.enhancer.connector.config;

import io.enhancer.connector.dam.LocalFolderAssetStore;
import io.enhancer.engine.api.Enhancer;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Once the service is ready, tells whoever started it where to go: the admin UI, the API, health and (where the
 * inbox is watched) the folder to drop images into. Printed on standard output after the one-time admin key.
 */
@Component
class StartupSummary {
  private final EnhancerProperties properties;
  private final ObjectProvider<LocalFolderAssetStore> localDam;
  private final ObjectProvider<Enhancer> engine;

  StartupSummary(EnhancerProperties properties, ObjectProvider<LocalFolderAssetStore> localDam,
                 ObjectProvider<Enhancer> engine) {
    this.properties = properties;
    this.localDam = localDam;
    this.engine = engine;
  }

  @EventListener
  void ready(ApplicationReadyEvent event) {
    if (!(event.getApplicationContext() instanceof WebServerApplicationContext web) || web.getWebServer() == null) {
      return;
    }
    String base = "http://localhost:" + web.getWebServer().getPort();
    StringBuilder summary = new StringBuilder("\n=== enhancer is running (role ").append(properties.role())
        .append(") ===\n")
        .append("admin UI  ").append(base).append("/admin/\n")
        .append("API       ").append(base).append("/api/v1   (OpenAPI: ").append(base).append("/docs)\n")
        .append("health    ").append(base).append("/actuator/health\n");
    Enhancer enhancer = engine.getIfAvailable();
    if (enhancer != null) {
      // Which models run is the first thing to check when results or speed differ between machines.
      summary.append("models    ").append(enhancer.models().stream()
          .map(m -> m.get("role") + "=" + m.get("name")).collect(Collectors.joining(", ")))
          .append(properties.modelsDir() == null ? "   (no ENHANCER_MODELS_DIR)" : "   (" + properties.modelsDir() + ")")
          .append('\n');
    }
    LocalFolderAssetStore dam = localDam.getIfAvailable();
    if (dam != null && (properties.role().equals("serve") || properties.role().equals("api"))) {
      summary.append("inbox     ").append(dam.inbox()).append("   (drop images here; originals/ and renditions/ are")
          .append(" beside it)\n");
    }
    System.out.println(summary);
  }
}
