package vn.lienthong.gateway.config;

import java.util.concurrent.CompletableFuture;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.camel.Processor;
import org.apache.camel.component.platform.http.PlatformHttpEndpoint;
import org.apache.camel.component.platform.http.spi.PlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpConsumer;
import org.apache.camel.component.platform.http.springboot.SpringBootPlatformHttpEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the REST DSL routes on the servlet container's request thread. Camel's own engine hands every
 * request to a task executor and answers Spring MVC with a future, so each call costs a second thread
 * switch and an ASYNC re-dispatch through the whole filter chain (security included); measured on the
 * dossier-events benchmark, that hand-off was the largest single cost of an accepted event. The routes
 * here are short and synchronous (a database commit, or a national call bounded by its bulkhead and
 * timeout), so nothing is gained by leaving the request thread.
 */
public class InlinePlatformHttpEngine extends SpringBootPlatformHttpEngine {

    public InlinePlatformHttpEngine(int port) {
        super(port);
    }

    @Override
    public PlatformHttpConsumer createConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
        return new InlineConsumer(endpoint, processor);
    }

    /** Runs the route before returning; a null future tells Spring MVC the response is complete. */
    static final class InlineConsumer extends SpringBootPlatformHttpConsumer {
        private static final Logger log = LoggerFactory.getLogger(InlineConsumer.class);

        InlineConsumer(PlatformHttpEndpoint endpoint, Processor processor) {
            super(endpoint, processor, Runnable::run);
        }

        @Override
        public CompletableFuture<Void> service(HttpServletRequest request, HttpServletResponse response) {
            try {
                handleService(request, response);
            } catch (Exception e) {
                // The routes answer their own failures (routes/error-handling.camel.yaml); this is a last resort,
                // as in Camel's engine: answered 500 if nothing was written yet. The path is not logged: a lookup's
                // path carries a personal ID.
                log.warn("unhandled error serving a {} request: {}", request.getMethod(), e.getClass().getName());
                if (!response.isCommitted()) {
                    try {
                        response.sendError(500);
                    } catch (java.io.IOException ignored) {
                        // the client is gone
                    }
                }
            }
            return null;
        }
    }
}
