package vn.lienthong.gateway.ops;

import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.delivery.AcceptUnconfirmedException;

/**
 * The last resort of the REST routes (routes/error-handling.camel.yaml): an unexpected failure is logged
 * with its stack trace here and answered as a problem without one (written by api/RestAdapter like every
 * answer). A store that cannot commit is a 503: the event was not accepted and the client should send it again.
 */
public class ApiErrors {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    public ApiReply unexpected(Exchange ex) {
        Throwable t = ex.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String route = ex.getFromRouteId();
        AcceptUnconfirmedException unconfirmed = find(t, AcceptUnconfirmedException.class);
        if (unconfirmed != null) {
            log.warn("route {}: {}; answered 503", route, unconfirmed.getMessage());
            return ApiReply.problem(Problem.of(503, "unconfirmed", "Not confirmed", unconfirmed.maybeStored()
                    ? "the request may or may not have been stored; send the same request again (same eventId or message id)"
                    : "nothing was stored; send the same request again")).retryAfter(5);
        }
        if (isStorage(t)) {
            log.error("route {}: storage unavailable, request refused with 503", route, t);
            return ApiReply.problem(Problem.of(503, "unavailable", "Storage unavailable",
                    "nothing was stored; send the request again later")).retryAfter(5);
        }
        log.error("route {}: unexpected failure, answered 500", route, t);
        return ApiReply.problem(Problem.of(500, "internal-error", "Internal error",
                "the gateway failed unexpectedly and logged it; sending the same request again is safe"));
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static boolean isStorage(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.springframework.dao.DataAccessException || c instanceof java.sql.SQLException
                    || c instanceof org.springframework.transaction.TransactionException) {
                return true;
            }
        }
        return false;
    }
}
