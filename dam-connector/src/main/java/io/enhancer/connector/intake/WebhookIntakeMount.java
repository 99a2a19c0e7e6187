package io.enhancer.connector.intake;

import io.enhancer.webhooks.intake.AssetEventSink;
import io.enhancer.webhooks.intake.IntakeObserver;
import io.enhancer.webhooks.intake.ProcessedEventStore;
import io.enhancer.webhooks.intake.RequestOutcome;
import io.enhancer.webhooks.intake.SourceSettings;
import io.enhancer.webhooks.intake.WebhookApplication;
import io.enhancer.webhooks.intake.WebhookIntakeConfig;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The webhooks module's Jersey application at {@code /webhooks/*}, beside Spring MVC's dispatcher (which keeps
 * {@code /}, so it never sees these paths). Jersey answers with its own Jackson 2 mapper, Spring MVC with Jackson 3;
 * neither is shared. Requests are authenticated by the sources' signatures, not by API keys.
 */
@Configuration(proxyBeanMethods = false)
class WebhookIntakeMount {
  private static final Logger log = LoggerFactory.getLogger(WebhookIntakeMount.class);
  static final String PATH = "/webhooks/*";

  @Bean
  ServletRegistrationBean<HttpServlet> webhookServlet(Environment settings, ObjectProvider<SourceSettings> contributed,
                                                      ProcessedEventStore store, AssetEventSink sink, Clock clock,
                                                      WebhookMetrics metrics) {
    Optional<WebhookIntakeConfig> config = WebhookSources.intakeConfig(settings, contributed.orderedStream().toList(),
        clock, metrics);
    HttpServlet servlet;
    if (config.isPresent()) {
      servlet = new ServletContainer(new WebhookApplication(config.get(), store, sink));
      log.info("webhook intake at /webhooks/<source> for sources {}", config.get().sourceNames());
    } else {
      servlet = new NoSources(metrics);
      log.info("webhook intake: no source configured (set WEBHOOK_SECRET for /webhooks/generic)");
    }
    ServletRegistrationBean<HttpServlet> registration = new ServletRegistrationBean<>(servlet, PATH);
    registration.setName("webhooks");
    registration.setLoadOnStartup(1);
    // error statuses keep their JSON body instead of going through the container's error page
    registration.addInitParameter(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, "true");
    return registration;
  }

  /** With no source configured every source is unknown: the same 404 the intake gives for one it does not know. */
  static final class NoSources extends HttpServlet {
    private final transient IntakeObserver observer;

    NoSources(IntakeObserver observer) {
      this.observer = observer;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
      observer.requestHandled("unknown", RequestOutcome.UNKNOWN_SOURCE);
      String path = request.getPathInfo() == null ? "" : request.getPathInfo().replaceFirst("^/", "");
      String name = path.replaceAll("[^A-Za-z0-9_-]", "");
      response.setStatus(HttpServletResponse.SC_NOT_FOUND);
      response.setContentType("application/json");
      response.getWriter().write("{\"error\":\"unknown_source\",\"message\":\"no webhook source named '" + name + "'\"}");
    }
  }
}
