package vn.lienthong.gateway.payments;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.api.HttpReply;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.delivery.DeliveryStore;
import vn.lienthong.gateway.delivery.StoredEvent;
import vn.lienthong.gateway.identifiers.Identifiers;
import vn.lienthong.gateway.onestop.OneStopDestination;

/**
 * The REST side of payments (routes/payments.camel.yaml): the one-stop system opens a payment (POST /api/v1/payments,
 * 201, 200 for a repeat of its Idempotency-Key, 409 for the key with another request), reads it
 * (GET /api/v1/payments/{reference}) and its receipt (…/receipt); the platform confirms
 * (POST /api/v1/payment-platform/confirm, sealed with MaXacThuc); the portal asks what a dossier owes
 * (POST /api/v1/payment-platform/dptracuuthanhtoanhs). Every refusal is logged without personal data.
 */
public class PaymentsApi {
    private static final Logger log = LoggerFactory.getLogger(PaymentsApi.class);
    static final Pattern REFERENCE = Pattern.compile("[A-Za-z0-9]{1,50}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    private final PaymentService service;
    private final DeliveryStore store;
    private final ObjectMapper json;

    PaymentsApi(PaymentService service, DeliveryStore store, ObjectMapper json) {
        this.service = service;
        this.store = store;
        this.json = json;
    }

    public void open(Exchange ex) {
        if (off(ex)) {
            return;
        }
        String key = ex.getMessage().getHeader("Idempotency-Key", String.class);
        if (key == null || !KEY.matcher(key).matches()) {
            refuse(ex, "open", List.of(Violation.of("Idempotency-Key", "idempotency-key.format",
                    "send an Idempotency-Key header of 1 to 200 letters, digits, '.', '_', ':' or '-'")));
            return;
        }
        JsonNode r = HttpReply.readJson(ex);
        if (r == null) {
            log.info("payment open refused: body not JSON");
            return;
        }
        List<Violation> violations = OpenRequest.check(r);
        if (!violations.isEmpty()) {
            refuse(ex, "open", violations);
            return;
        }
        PaymentService.Opened o = service.open(r, HttpReply.client(ex), key);
        switch (o.kind()) {
            case OPENED -> HttpReply.json(ex, 201, view(o.tx(), false));
            case REPEAT -> HttpReply.json(ex, 200, view(o.tx(), false));
            case CONFLICT -> HttpReply.problem(ex, Problem.of(409, "idempotency-conflict", "Idempotency-Key already used", o.detail()));
            case RACED -> HttpReply.problem(ex, Problem.of(409, "reference-taken", "Reference taken", o.detail()));
            case REFUSED -> {
                ObjectNode p = Problem.of(502, "payment-refused", "Payment not opened", o.detail());
                p.put("reference", o.tx().reference());
                HttpReply.problem(ex, p);
            }
            case UNAVAILABLE -> {
                HttpReply.problem(ex, Problem.of(503, "payment-platform-unavailable", "Payment platform unavailable", o.detail()));
                ex.getMessage().setHeader("Retry-After", String.valueOf(HttpReply.RETRY_AFTER_SECONDS));
            }
        }
    }

    public void get(Exchange ex) {
        if (off(ex)) {
            return;
        }
        Optional<Transactions.Tx> t = find(ex);
        if (t.isEmpty()) {
            notFound(ex);
            return;
        }
        HttpReply.json(ex, 200, view(t.get(), true));
    }

    public void receipt(Exchange ex) {
        if (off(ex)) {
            return;
        }
        Optional<Transactions.Tx> t = find(ex);
        if (t.isEmpty()) {
            notFound(ex);
            return;
        }
        if (t.get().state() != Transactions.State.PAID) {
            HttpReply.problem(ex, Problem.of(409, "not-paid", "Not paid", "payment " + t.get().reference() + " is "
                    + t.get().state() + "; a receipt exists once it is PAID"));
            return;
        }
        Optional<Transactions.Receipt> r;
        try {
            r = service.receipt(t.get());
        } catch (NationalFailure down) {
            r = Optional.empty();
        }
        if (r.isEmpty()) {
            HttpReply.problem(ex, Problem.of(503, "receipt-not-available", "Receipt not available yet",
                    "the payment platform has no receipt for this payment yet; ask again later"));
            ex.getMessage().setHeader("Retry-After", String.valueOf(HttpReply.RETRY_AFTER_SECONDS));
            return;
        }
        ex.getMessage().removeHeaders("*");
        ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        ex.getMessage().setHeader(Exchange.CONTENT_TYPE, r.get().mediaType());
        ex.getMessage().setHeader("Content-Disposition", "attachment; filename=\"" + t.get().reference() + ".pdf\"");
        ex.getMessage().setBody(r.get().content());
    }

    /** The platform's confirm: 200 with the platform's reply shape once committed; refusals are problems, nothing stored. */
    public void confirm(Exchange ex) throws IOException {
        if (off(ex)) {
            return;
        }
        JsonNode c = HttpReply.readJson(ex);
        if (c == null) {
            log.info("payment confirm refused: body not JSON");
            return;
        }
        List<Violation> violations = ConfirmCheck.check(c);
        if (!violations.isEmpty()) {
            refuse(ex, "confirm", violations);
            return;
        }
        PaymentService.Confirmed r = service.confirm(c, new String(HttpReply.rawBody(ex), java.nio.charset.StandardCharsets.UTF_8));
        String reference = c.get("MaThamChieu").asText();
        switch (r.kind()) {
            case APPLIED, REPEAT -> {
                ex.getMessage().removeHeaders("*");
                ex.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
                ex.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
                ex.getMessage().setBody(r.reply());
            }
            case SEAL -> refusal(ex, reference, 401, "seal", "MaXacThuc", "seal.mismatch", r.detail());
            case PARTNER -> refusal(ex, reference, 403, "partner", "MaDoiTac", "partner.unknown", r.detail());
            case UNKNOWN -> refusal(ex, reference, 404, "unknown reference", "MaThamChieu", "reference.unknown", r.detail());
            case AMOUNT -> refusal(ex, reference, 409, "amount mismatch", "SoTien", "amount.mismatch", r.detail());
        }
    }

    /** The portal asks what a dossier owes: -1 unknown, 0 nothing to pay, 1 with the bill (B's dptracuuthanhtoanhs). */
    public void bill(Exchange ex) {
        if (off(ex)) {
            return;
        }
        JsonNode r = HttpReply.readJson(ex);
        if (r == null) {
            return;
        }
        JsonNode code = r.get("MaHoSo");
        if (!r.isObject() || code == null || !code.isTextual() || Identifiers.dossierCode(code.textValue()) != null || r.size() != 1) {
            refuse(ex, "bill lookup", List.of(Violation.of("MaHoSo", "dossier-code.format",
                    "the body is {\"MaHoSo\": <dossier code>}, e.g. 000.00.12.H47-241124-0001")));
            return;
        }
        List<Transactions.Tx> txs = service.transactions().ofDossier(code.textValue());
        ObjectNode out = json.createObjectNode();
        if (txs.isEmpty()) {
            out.put("error_code", -1).putArray("message");
        } else if (txs.stream().anyMatch(t -> t.state() == Transactions.State.PAID)) {
            out.put("error_code", 0).putArray("message");
        } else {
            out.put("error_code", 1).set("message", bill(txs.get(0)));
        }
        log.info("bill lookup of dossier {}: error_code {}", code.textValue(), out.get("error_code").asInt());
        HttpReply.json(ex, 200, out);
    }

    private ObjectNode bill(Transactions.Tx t) {
        ObjectNode b = json.createObjectNode();
        b.put("transaction_id", t.reference());
        b.put("client_id", t.partnerCode());
        b.put("MaTraCuuTT", t.dossierCode() + t.txTime());
        try {
            JsonNode receipt = json.readTree(t.initBody()).path("ThongTinBienLai");
            b.setAll((ObjectNode) receipt);
        } catch (IOException | ClassCastException e) {
            b.put("MaHoSo", t.dossierCode());
        }
        b.put("SoTien", Long.toString(t.amount()));
        return b;
    }

    private ObjectNode view(Transactions.Tx t, boolean full) {
        ObjectNode o = json.createObjectNode();
        o.put("reference", t.reference());
        o.put("dossierCode", t.dossierCode());
        o.put("amount", t.amount());
        o.put("state", t.state().name());
        o.put("paymentUrl", t.paymentUrl());
        o.put("transactionTime", t.txTime());
        if (!full) {
            return o;
        }
        try {
            o.set("fees", json.readTree(t.fees()));
        } catch (IOException e) {
            o.putArray("fees");
        }
        o.put("transactionCode", t.transactionCode());
        o.put("bankCode", t.bankCode());
        o.put("confirmedBy", t.settledBy());
        o.put("confirmedAt", t.settledAt() == null ? null : t.settledAt().toString());
        o.put("checks", t.checks());
        o.put("lastCheckAt", t.lastCheckAt() == null ? null : t.lastCheckAt().toString());
        o.put("nextCheckAt", t.nextCheckAt() == null ? null : t.nextCheckAt().toString());
        o.put("amountMismatchAt", t.mismatchAt() == null ? null : t.mismatchAt().toString());
        ArrayNode h = o.putArray("history");
        for (Transactions.History e : service.transactions().history(t.reference())) {
            h.addObject().put("at", e.at().toString()).put("state", e.state().name()).put("note", e.note());
        }
        ArrayNode sent = o.putArray("oneStop");
        for (StoredEvent e : store.byPartition(OneStopDestination.NAME, t.dossierCode())) {
            if (e.source().equals(PaymentService.SOURCE) && e.idemKey().startsWith("payment:" + t.reference() + ":")) {
                sent.addObject().put("key", e.idemKey()).put("state", e.state().name()).put("attempts", e.attempts())
                        .put("lastError", e.lastError());
            }
        }
        return o;
    }

    private Optional<Transactions.Tx> find(Exchange ex) {
        String ref = ex.getMessage().getHeader("reference", String.class);
        if (ref == null || !REFERENCE.matcher(ref).matches()) {
            return Optional.empty();
        }
        return service.transactions().find(ref);
    }

    private static void notFound(Exchange ex) {
        HttpReply.problem(ex, Problem.of(404, "not-found", "No such payment", "no payment has this reference"));
    }

    private static void refuse(Exchange ex, String what, List<Violation> violations) {
        log.info("payment {} refused with {}: {}", what, Problem.statusFor(violations), violations.stream()
                .map(v -> v.field() + " " + v.rule()).toList());
        HttpReply.invalid(ex, violations);
    }

    private static void refusal(Exchange ex, String reference, int status, String what, String field, String rule, String detail) {
        log.warn("payment confirm of {} refused ({}): state unchanged", reference, what);
        ObjectNode p = Problem.of(status, "payment-confirm-refused", "Confirm refused", detail);
        p.set("errors", Problem.errors(List.of(Violation.of(field, rule, detail))));
        HttpReply.problem(ex, p);
    }

    private boolean off(Exchange ex) {
        if (service.settings().isEnabled()) {
            return false;
        }
        HttpReply.problem(ex, Problem.of(404, "not-found", "Payments are off", "gateway.payments.enabled is false"));
        return true;
    }
}
