package io.enhancer.webhooks.intake;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The intake as a JAX-RS application. Embed it in any servlet container:
 * {@code new ServletContainer(new WebhookApplication(config, store, sink))} mapped to {@code /webhooks/*}.
 */
public final class WebhookApplication extends ResourceConfig {

    public WebhookApplication(WebhookIntakeConfig config, ProcessedEventStore store, AssetEventSink sink) {
        registerResources(WebhookResource.of(new WebhookIntake(config, store, sink)));
        register(new IntakeErrorMapper());
        register(new IntakeJson());
        register(JacksonFeature.withoutExceptionMappers());
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        property(ServerProperties.BV_FEATURE_DISABLE, true);
        // no classpath scanning: only what is registered here runs
        property(ServerProperties.METAINF_SERVICES_LOOKUP_DISABLE, true);
    }
}
