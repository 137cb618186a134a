package vn.lienthong.gateway.national;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ProducerTemplate;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.national.guard.NationalGuard;

/**
 * One HTTP call through a {@code direct:} route of routes/ (which makes the call and never redelivers), within the
 * system's {@link NationalGuard}. An answer that says the system is unwell (5xx, 429, and 408 where it means the
 * system's own timeout) fails the call so the breaker counts it; any other answer, a 4xx about the request
 * included, is returned for the caller to read and counts as a success.
 */
public final class GuardedRoute {
    private final ProducerTemplate producer;
    private final String uri;
    private final NationalGuard guard;
    private final boolean timeoutAnswerCounts;

    /** @param timeoutAnswerCounts whether a 408 answer counts as the system being unwell */
    public GuardedRoute(ProducerTemplate producer, String uri, NationalGuard guard, boolean timeoutAnswerCounts) {
        this.producer = producer;
        this.uri = uri;
        this.guard = guard;
        this.timeoutAnswerCounts = timeoutAnswerCounts;
    }

    public NationalGuard guard() {
        return guard;
    }

    /** The answered exchange; a {@link NationalFailure} when the call was refused by a guard, failed or answered unwell. */
    public Exchange send(Processor request) {
        return guard.call(() -> {
            Exchange ex = producer.send(uri, request);
            if (ex.getException() != null) {
                throw guard.classify(ex.getException());
            }
            int status = ex.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            if (status >= 500 || status == 429 || (timeoutAnswerCounts && status == 408)) {
                throw new RemoteUnavailableException(guard.system(), status, ex.getMessage().getHeader("Retry-After", String.class));
            }
            return ex;
        });
    }
}
