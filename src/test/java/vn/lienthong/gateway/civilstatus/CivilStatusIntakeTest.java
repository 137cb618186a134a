package vn.lienthong.gateway.civilstatus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import vn.lienthong.gateway.delivery.DeliveryState;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.ops.Alarms;
import vn.lienthong.gateway.sandbox.CivilStatusFault;
import vn.lienthong.gateway.sandbox.CivilStatusSamples;

/** Birth and death dossiers taken in from the linked service: stored once, forwarded once, files intact, acknowledged. */
class CivilStatusIntakeTest extends CivilStatusTestSupport {
    private static final AtomicInteger NEXT = new AtomicInteger(100);

    @Autowired
    Alarms alarms;
    @Autowired
    FileCatalog catalog;

    private static CivilStatusSamples.Dossier dossier(int files, int bytes) {
        CivilStatusSamples.Dossier d = CivilStatusSamples.sized(NEXT.incrementAndGet(), files, bytes);
        SERVICE.add(d);
        return d;
    }

    /** Each listed dossier reaches the one-stop system once at its module's path, its files fetchable intact by link, and is acknowledged. */
    @Test
    void shouldForwardEachDossierOnceWithIntactFilesWhenPolled() {
        List<CivilStatusSamples.Dossier> ds = List.of(dossier(2, 300_000), dossier(1, 150_000), dossier(3, 450_000));
        poller.pollWithLock();
        for (CivilStatusSamples.Dossier d : ds) {
            await("dossier " + d.code() + " forwarded and acknowledged",
                    () -> oneStopDossiers(d.code()).size() == 1 && SERVICE.acknowledgedCodes().contains(d.code()));
            assertThat(oneStopRequests(d.code()).get(0).path())
                    .isEqualTo(d.module().equals("KS") ? "/api/v1/civil-status/births" : "/api/v1/civil-status/deaths");
            JsonNode body = oneStopDossiers(d.code()).get(0);
            assertThat(body.path("agencyCode").asText()).isNotBlank();
            assertThat(body.path("declaration").path("requester").path("name").asText()).isNotBlank();
            assertThat(body.path("files")).hasSize(d.attachments().size());
            for (int i = 0; i < d.attachments().size(); i++) {
                CivilStatusSamples.Attachment a = d.attachments().get(i);
                JsonNode f = body.path("files").get(i);
                assertThat(f.path("name").asText()).isEqualTo(a.name());
                assertThat(f.path("sha256").asText()).isEqualTo(a.sha256());
                HttpResponse<byte[]> got = get(local(f.path("url").asText()), READER_KEY);
                assertThat(got.statusCode()).isEqualTo(200);
                assertThat(sha256(got.body())).isEqualTo(a.sha256());
                assertThat(got.headers().firstValue("Content-Type")).hasValue("application/pdf");
            }
            assertThat(events(IntakeDestination.NAME, d.code())).extracting(StoredEvent::state).containsExactly(DeliveryState.DELIVERED);
        }
        assertThat(poller.pollWithLock().added()).isZero();
    }

    /** A dossier listed again after it was taken in (the acknowledgement was lost) is acknowledged again and not forwarded twice. */
    @Test
    void shouldAcknowledgeAgainWithoutDuplicateWhenListedAgain() {
        CivilStatusSamples.Dossier d = dossier(1, 120_000);
        poller.pollWithLock();
        await("taken in", () -> SERVICE.acknowledgedCodes().contains(d.code()) && oneStopDossiers(d.code()).size() == 1);
        int acks = SERVICE.acknowledgements();
        SERVICE.add(d);
        CivilStatusPoller.Report again = poller.pollWithLock();
        assertThat(again.repeats()).isPositive();
        assertThat(again.acknowledgedAgain()).isEqualTo(1);
        assertThat(SERVICE.acknowledgements()).isEqualTo(acks + 1);
        assertThat(SERVICE.waitingCodes()).doesNotContain(d.code());
        assertThat(oneStopDossiers(d.code())).hasSize(1);
    }

    /** A malformed declaration holds that dossier DEAD with its reason and an alarm, stores nothing of it, and the rest of the poll goes on. */
    @Test
    void shouldHoldDossierDeadAndTakeTheOthersWhenDeclarationMalformed() {
        CivilStatusSamples.Dossier bad = dossier(1, 100_000);
        CivilStatusSamples.Dossier good = dossier(1, 100_000);
        SERVICE.addFault(CivilStatusFault.of(CivilStatusFault.Mode.MALFORMED, -1, "detail").forDossier(bad.code()));
        poller.pollWithLock();
        await("good one taken in", () -> oneStopDossiers(good.code()).size() == 1);
        await("bad one DEAD", () -> events(IntakeDestination.NAME, bad.code()).get(0).state() == DeliveryState.DEAD);
        assertThat(events(IntakeDestination.NAME, bad.code()).get(0).lastError()).contains("declaration is not well-formed XML");
        assertThat(oneStopDossiers(bad.code())).isEmpty();
        assertThat(SERVICE.acknowledgedCodes()).doesNotContain(bad.code());
        assertThat(catalog.ofDossier(bad.code())).isEmpty();
        await("dead_letters alarm", () -> {
            alarms.check();
            return alarms.isRaised(Alarms.DEAD_LETTERS, IntakeDestination.NAME);
        });
    }

    /** Hostile declarations and file names are refused dossier by dossier, each with a reason naming the rule. */
    @Test
    void shouldRefuseDossierWhenDoctypeBadFileNameUnknownUnitOrFileTooLarge() {
        CivilStatusSamples.Dossier base = CivilStatusSamples.sized(NEXT.incrementAndGet(), 1, 50_000);
        CivilStatusSamples.Dossier doctype = with(base, base.declaration().replace("<hoTich>",
                "<!DOCTYPE hoTich [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><hoTich>").replace("</hoTich>", "<a>&x;</a></hoTich>"), base.unit(), base.attachments());
        CivilStatusSamples.Dossier n2 = CivilStatusSamples.sized(NEXT.incrementAndGet(), 1, 50_000);
        CivilStatusSamples.Attachment a = n2.attachments().get(0);
        CivilStatusSamples.Dossier badName = with(n2, n2.declaration(), n2.unit(),
                List.of(new CivilStatusSamples.Attachment("../../etc/to-khai.pdf", a.title(), a.size(), a.seed())));
        CivilStatusSamples.Dossier n3 = CivilStatusSamples.sized(NEXT.incrementAndGet(), 1, 50_000);
        CivilStatusSamples.Dossier unknownUnit = with(n3, n3.declaration(), 99999, n3.attachments());
        CivilStatusSamples.Dossier tooLarge = CivilStatusSamples.sized(NEXT.incrementAndGet(), 1, (int) MAX_FILE + 1);
        for (CivilStatusSamples.Dossier d : List.of(doctype, badName, unknownUnit, tooLarge)) {
            SERVICE.add(d);
        }
        poller.pollWithLock();
        assertDead(doctype.code(), "DOCTYPE");
        assertDead(badName.code(), "attachment 1 has a path separator in its name");
        assertDead(unknownUnit.code(), "unknown administrative unit '99999'");
        assertDead(tooLarge.code(), "attachment 1 is larger than " + MAX_FILE + " bytes");
    }

    /** An expired token is renewed once on the 401 and the dossier is taken in. */
    @Test
    void shouldLoginAgainWhenTokenExpires() {
        CivilStatusSamples.Dossier d = dossier(1, 80_000);
        int before = SERVICE.logins();
        SERVICE.addFault(CivilStatusFault.of(CivilStatusFault.Mode.SESSION_EXPIRED, 1, "detail"));
        poller.pollWithLock();
        await("taken in", () -> SERVICE.acknowledgedCodes().contains(d.code()));
        assertThat(SERVICE.logins()).isGreaterThan(before);
    }

    /** A 5xx on the detail is retried by the delivery engine until the dossier is taken in. */
    @Test
    void shouldRetryWhenDetailFails() {
        CivilStatusSamples.Dossier d = dossier(1, 80_000);
        SERVICE.addFault(new CivilStatusFault(CivilStatusFault.Mode.HTTP_ERROR, 2, "detail", d.code(), 0, 503));
        poller.pollWithLock();
        await("taken in", () -> SERVICE.acknowledgedCodes().contains(d.code()) && oneStopDossiers(d.code()).size() == 1);
        assertThat(events(IntakeDestination.NAME, d.code()).get(0).attempts()).isEqualTo(2);
    }

    private void assertDead(String code, String reason) {
        await(code + " DEAD", () -> !events(IntakeDestination.NAME, code).isEmpty()
                && events(IntakeDestination.NAME, code).get(0).state() == DeliveryState.DEAD);
        assertThat(events(IntakeDestination.NAME, code).get(0).lastError()).contains(reason);
        assertThat(oneStopDossiers(code)).isEmpty();
        assertThat(catalog.ofDossier(code)).isEmpty();
    }

    private static CivilStatusSamples.Dossier with(CivilStatusSamples.Dossier d, String declaration, int unit,
                                                   List<CivilStatusSamples.Attachment> files) {
        return new CivilStatusSamples.Dossier(d.id(), d.code(), d.module(), d.procedure(), unit, d.receivedAt(), d.account(),
                declaration, files);
    }
}
