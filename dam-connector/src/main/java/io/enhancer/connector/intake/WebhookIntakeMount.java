package io.enhancer.connector.intake;

import io.enhancer.connector.config.EnhancerProperties;
import io.enhancer.connector.config.MysqlProperties;
import io.enhancer.connector.dam.HttpOriginFetcher;
import io.enhancer.connector.dam.OriginGuard;
import io.enhancer.webhooks.intake.AssetEventSink;
import io.enhancer.webhooks.intake.IntakeObserver;
import io.enhancer.webhooks.intake.IntakeTransaction;
import io.enhancer.webhooks.intake.ProcessedEventStore;
import io.enhancer.webhooks.intake.RequestOutcome;
import io.enhancer.webhooks.intake.SnsSubscriptions;
import io.enhancer.webhooks.intake.SourceSettings;
import io.enhancer.webhooks.intake.WebhookApplication;
import io.enhancer.webhooks.intake.WebhookIntakeConfig;
import io.enhancer.webhooks.signing.SnsCertificateSource;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhooks module's Jersey application at {@code /webhooks/*}, beside Spring MVC's dispatcher (which keeps
 * {@code /}, so it never sees these paths). Jersey answers with its own Jackson 2 mapper, Spring MVC with Jackson 3;
 * neither is shared. Requests are authenticated by the sources' signatures, not by API keys.
 */
@Configuration(proxyBeanMethods = false)
class WebhookIntakeMount {
  private static final Logger log = LoggerFactory.getLogger(WebhookIntakeMount.class);
  static final String PATH = "/webhooks/*";
  /** An SNS certificate is about 1.7 KB and a confirmation answer about 0.5 KB. */
  static final long SNS_MAX_BYTES = 64 * 1024;

  /** SNS gives up on an endpoint after 15 s by default; the fetch happens while SNS waits for our answer. */
  static final Duration SNS_MAX_FETCH_TIME = Duration.ofSeconds(10);

  /**
   * Fetches from AWS hosts only (the strict SNS host check happens before, in the webhooks module): https, public
   * addresses whatever ENHANCER_ALLOW_PRIVATE_ADDRESSES says, 64 KiB, one deadline (the fetch timeout, at most
   * 10 s) for the whole fetch, no redirects.
   */
  static HttpOriginFetcher snsFetcher(Duration fetchTimeout) {
    return snsFetcher(fetchTimeout, java.net.InetAddress::getAllByName);
  }

  static HttpOriginFetcher snsFetcher(Duration fetchTimeout, OriginGuard.HostResolver resolver) {
    OriginGuard awsOnly = new OriginGuard(List.of("https://*.amazonaws.com", "https://*.amazonaws.com.cn"), false,
        resolver);
    Duration deadline = fetchTimeout.compareTo(SNS_MAX_FETCH_TIME) < 0 ? fetchTimeout : SNS_MAX_FETCH_TIME;
    return new HttpOriginFetcher(awsOnly, SNS_MAX_BYTES, deadline, 0);
  }

  @Bean
  SnsCertificateSource snsCertificateSource(EnhancerProperties properties) {
    return new SnsCertificateFetcher(snsFetcher(properties.fetch().timeout()));
  }

  @Bean
  SnsSubscriptions snsSubscriptions(EnhancerProperties properties) {
    return new SnsSubscriptionConfirmer(snsFetcher(properties.fetch().timeout()));
  }

  /** One transaction per request, or group commits on the embedded database (see IntakeProperties). */
  @Bean
  IntakeTransaction intakeTransaction(TransactionTemplate tx, IntakeProperties intake, MysqlProperties mysql) {
    if (intake.groupsCommits(!mysql.configured())) {
      return new GroupCommitIntakeTransaction(tx, intake.committers(), intake.groupMax(), intake.commitWait());
    }
    return new DatabaseIntakeTransaction(tx);
  }

  @Bean
  ServletRegistrationBean<HttpServlet> webhookServlet(Environment settings, ObjectProvider<SourceSettings> contributed,
                                                      ProcessedEventStore store, AssetEventSink sink, Clock clock,
                                                      WebhookMetrics metrics, SnsCertificateSource snsCertificates,
                                                      SnsSubscriptions snsSubscriptions,
                                                      IntakeTransaction transaction) {
    Optional<WebhookIntakeConfig> config = WebhookSources.intakeConfig(settings, contributed.orderedStream().toList(),
        clock, metrics, snsCertificates, snsSubscriptions, transaction);
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
