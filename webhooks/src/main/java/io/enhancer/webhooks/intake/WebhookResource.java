package io.enhancer.webhooks.intake;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.glassfish.jersey.process.Inflector;
import org.glassfish.jersey.server.model.Resource;

/**
 * {@code POST <mount>/{source}}; the host mounts the application at {@code /webhooks}. Any content type is taken
 * (SNS posts {@code text/plain}); the body is read raw so the signature covers the exact bytes. Built as a
 * programmatic resource around one {@link WebhookIntake} instance, so no injection framework is involved.
 */
final class WebhookResource implements Inflector<ContainerRequestContext, Response> {
    private final WebhookIntake intake;

    private WebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    static Resource of(WebhookIntake intake) {
        Resource.Builder resource = Resource.builder("{source}");
        resource.addMethod("POST")
                .consumes(MediaType.WILDCARD_TYPE)
                .produces(MediaType.APPLICATION_JSON_TYPE)
                .handledBy(new WebhookResource(intake));
        return resource.build();
    }

    @Override
    public Response apply(ContainerRequestContext request) {
        String source = request.getUriInfo().getPathParameters().getFirst("source");
        IntakeOutcome outcome = intake.receive(source, request::getHeaderString, request.getLength(),
                request.getEntityStream());
        return Response.status(outcome.status()).entity(outcome).type(MediaType.APPLICATION_JSON).build();
    }
}
