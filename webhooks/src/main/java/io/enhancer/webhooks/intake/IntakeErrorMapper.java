package io.enhancer.webhooks.intake;

import io.enhancer.webhooks.signing.AuthenticationException;
import io.enhancer.webhooks.signing.SnsVerificationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The one place intake failures become HTTP: typed causes to status + JSON body; nothing else leaks. */
@Provider
final class IntakeErrorMapper implements ExceptionMapper<RuntimeException> {
    private static final Logger LOG = Logger.getLogger(IntakeErrorMapper.class.getName());
    static final String BASIC_CHALLENGE = "Basic realm=\"enhancer webhooks\", charset=\"UTF-8\"";

    @Override
    public Response toResponse(RuntimeException failure) {
        if (failure instanceof AuthenticationException auth) {
            // A 401 carries a challenge (RFC 9110); SNS sends the basic-auth credentials of its subscription URL
            // only after one. Senders using other schemes ignore it.
            return Response.status(401).entity(new ErrorBody("unauthorized", auth.getMessage()))
                    .type(MediaType.APPLICATION_JSON).header("WWW-Authenticate", BASIC_CHALLENGE).build();
        }
        if (failure instanceof SnsVerificationException sns) {
            if (sns.reason() == SnsVerificationException.Reason.CERTIFICATE_UNAVAILABLE) {
                LOG.log(Level.WARNING, "SNS signing certificate not fetched: " + sns.getCause());
                return Response.status(503).entity(new ErrorBody(sns.reason().code(), sns.getMessage()))
                        .type(MediaType.APPLICATION_JSON).header("Retry-After", "30").build();
            }
            // 403, not 401: the sender's credentials were fine; the message is not proven to be SNS's
            return json(403, new ErrorBody(sns.reason().code(), sns.getMessage()));
        }
        if (failure instanceof IntakeException intake) {
            Response.ResponseBuilder response = Response.status(status(intake))
                    .entity(new ErrorBody(intake.errorCode(), intake.getMessage())).type(MediaType.APPLICATION_JSON);
            if (intake instanceof EventQueueUnavailableException) {
                LOG.log(Level.WARNING, "webhook event not taken: " + intake.getCause());
                response.header("Retry-After", "30");
            }
            return response.build();
        }
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            String code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "http_" + status;
            return json(status, new ErrorBody(code, web.getResponse().getStatusInfo().getReasonPhrase()));
        }
        LOG.log(Level.SEVERE, "webhook intake failed unexpectedly", failure);
        return json(500, new ErrorBody("internal_error", "internal error"));
    }

    private static int status(IntakeException failure) {
        if (failure instanceof UnknownSourceException) {
            return 404;
        }
        if (failure instanceof PayloadTooLargeException) {
            return 413;
        }
        if (failure instanceof InvalidPayloadException) {
            return 400;
        }
        return 503;
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON).build();
    }
}
