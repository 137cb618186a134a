package vn.lienthong.gateway.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.national.portal.NationalPortalDestination;
import vn.lienthong.gateway.sandbox.ReceivedCall;
import vn.lienthong.gateway.support.FixedClaim;
import vn.lienthong.gateway.support.GatewayIntegrationTest;

/**
 * The portal destination asks the engine whether a batch is still claimed right before every POST that
 * carries its events (the first, and the one after a new login), and sends nothing when it is not. Driven
 * directly, with the dispatcher paused, so the engine's answer to {@code hold} is the test's.
 */
class PortalClaimHoldTest extends GatewayIntegrationTest {
    @Autowired
    NationalPortalDestination destination;
    @Autowired
    DeliveryStore store;

    @AfterEach
    void resume() {
        engine.dispatcher(NationalPortalDestination.NAME).resume();
    }

    @Test
    void sendsNothingForEventsWhoseClaimWasTakenOver() {
        StoredEvent event = storedWhilePaused(newDossier());
        FixedClaim progress = FixedClaim.takenOver();

        List<DeliveryResult> results = destination.deliver(List.of(event), progress);

        assertThat(progress.holds()).as("asked before the POST").isEqualTo(1);
        assertThat(results).extracting(DeliveryResult::kind).containsExactly(DeliveryResult.Kind.NOT_ATTEMPTED);
        assertThat(callsFor(event.partitionKey())).as("calls the portal received for the dossier").isEmpty();
    }

    @Test
    void asksAgainBeforeThePostThatFollowsANewLogin() {
        StoredEvent event = storedWhilePaused(newDossier());
        destination.deliver(List.of(storedWhilePaused(newDossier())), FixedClaim.held()); // a session exists
        PORTAL.expireSessions();
        FixedClaim progress = FixedClaim.held();

        List<DeliveryResult> results = destination.deliver(List.of(event), progress);

        assertThat(results).extracting(DeliveryResult::kind).containsExactly(DeliveryResult.Kind.DELIVERED);
        assertThat(callsFor(event.partitionKey())).as("refused for the session, then applied").hasSize(2);
        assertThat(progress.holds()).as("asked before each of the two POSTs").isEqualTo(2);
    }

    private StoredEvent storedWhilePaused(String dossier) {
        engine.dispatcher(NationalPortalDestination.NAME).pause();
        assertThat(postEvent(event(dossier + "-e1", dossier, "RECEIVED")).statusCode()).isEqualTo(202);
        return store.byPartition(NationalPortalDestination.NAME, dossier).get(0);
    }

    private List<ReceivedCall> callsFor(String dossier) {
        List<ReceivedCall> out = new ArrayList<>();
        for (ReceivedCall c : PORTAL.calls()) {
            if (c.body() != null && c.body().path("data").toString().contains(dossier)) {
                out.add(c);
            }
        }
        return out;
    }
}
