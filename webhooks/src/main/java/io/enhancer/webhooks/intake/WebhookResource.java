package io.enhancer.webhooks.intake;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/**
 * {@code POST <mount>/{source}}; the host mounts the application at {@code /webhooks}. Any content type is taken
 * (SNS posts {@code text/plain}); the body is read raw so the signature covers the exact bytes.
 */
@Path("{source}")
public final class WebhookResource {
    private final WebhookIntake intake;

    WebhookResource(WebhookIntake intake) {
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@PathParam("source") String source, @Context HttpHeaders headers, InputStream body) {
        IntakeOutcome outcome = intake.receive(source, headers::getHeaderString, headers.getLength(), body);
        return Response.status(outcome.status()).entity(outcome).type(MediaType.APPLICATION_JSON).build();
    }
}
