package io.enhancer.connector.api;

import io.enhancer.connector.security.SecurityHeaders;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Puts {@link ContainerErrorValve} in place of the HTML error report valve Boot adds to Tomcat's host. Runs after
 * Boot's own customizer (lowest precedence), so the valve it added is there to be replaced.
 */
@Component
class ContainerErrorSetup implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {
  private final SecurityHeaders headers;

  ContainerErrorSetup(SecurityHeaders headers) {
    this.headers = headers;
  }

  @Override
  public void customize(ConfigurableTomcatWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (!(context.getParent() instanceof StandardHost host)) return;
      for (Valve valve : host.getPipeline().getValves()) {
        if (valve instanceof ErrorReportValve) host.getPipeline().removeValve(valve);
      }
      host.getPipeline().addValve(new ContainerErrorValve(headers));
      // The host adds a valve of this class when it finds none on start: it finds ours.
      host.setErrorReportValveClass(ContainerErrorValve.class.getName());
    });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
