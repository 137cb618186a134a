package vn.lienthong.gateway.national.population;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import vn.lienthong.gateway.LookupsTestSupport;
import vn.lienthong.gateway.sandbox.SimFault;

class PopulationGuardTest extends LookupsTestSupport {

    HttpResponse<String> lookup() throws Exception {
        return get("/api/v1/citizens/049085754323", KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS");
    }

    /** A failing database opens the breaker (503 without calling it); once it recovers the breaker closes. */
    @Test
    void shouldOpenBreakerWhenDatabaseFailsAndCloseWhenItRecovers() throws Exception {
        POPULATION.addFault(SimFault.down(SimFault.UNTIL_CLEARED));
        for (int i = 0; i < 4; i++) {
            assertEquals(503, lookup().statusCode());
        }
        assertEquals(CircuitBreaker.State.OPEN, populationGuard.breaker().getState());
        int callsWhenOpen = POPULATION.calls();
        HttpResponse<String> refused = lookup();
        assertEquals(503, refused.statusCode());
        assertTrue(refused.body().contains("breaker open"), refused.body());
        assertEquals("2", refused.headers().firstValue("Retry-After").orElse(""));
        assertEquals(callsWhenOpen, POPULATION.calls(), "an open breaker does not call the database");

        POPULATION.clearFaults();
        Thread.sleep(2300);
        assertEquals(200, lookup().statusCode());
        assertEquals(CircuitBreaker.State.CLOSED, populationGuard.breaker().getState());
    }

    /** A DC404 is an answer, not a failure: many of them leave the breaker closed. */
    @Test
    void shouldKeepBreakerClosedWhenCitizensAreNotFound() throws Exception {
        for (int i = 0; i < 6; i++) {
            assertEquals(404, get("/api/v1/citizens/049085000001", KEY, "X-Officer-Id", "cb", "X-Purpose", "CIVIL_STATUS").statusCode());
        }
        assertEquals(CircuitBreaker.State.CLOSED, populationGuard.breaker().getState());
    }

    /** More concurrent lookups than the bulkhead allows: the excess is refused at once with 503. */
    @Test
    void shouldRefuseExcessWith503WhenBulkheadFull() throws Exception {
        POPULATION.addFault(SimFault.slow(600, SimFault.UNTIL_CLEARED));
        int clients = MAX_CONCURRENT_CALLS + 4;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                answers.add(pool.submit(this::lookup));
            }
            int ok = 0;
            int refused = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get();
                if (r.statusCode() == 200) ok++;
                if (r.statusCode() == 503 && r.body().contains("busy")) refused++;
            }
            assertTrue(ok >= 1 && ok <= MAX_CONCURRENT_CALLS, "ok=" + ok);
            assertTrue(refused >= 1, "refused=" + refused);
            assertEquals(clients, ok + refused);
        } finally {
            pool.shutdownNow();
        }
    }
}
