package vn.lienthong.gateway.payments;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
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

    public ApiReply open(ApiRequest request) {
        if (!service.settings().isEnabled()) {
            return off();
        }
        String key = request.header("Idempotency-Key");
        if (key == null || !KEY.matcher(key).matches()) {
            return refuse("open", List.of(Violation.of("Idempotency-Key", "idempotency-key.format",
                    "send an Idempotency-Key header of 1 to 200 letters, digits, '.', '_', ':' or '-'")));
        }
        ApiRequest.Json read = request.readJson();
        if (read.refused()) {
            log.info("payment open refused: body not JSON");
            return read.problem();
        }
        JsonNode r = read.tree();
        List<Violation> violations = OpenRequest.check(r);
        if (!violations.isEmpty()) {
            return refuse("open", violations);
        }
        PaymentService.Opened o = service.open(r, request.client(), key);
        return switch (o.kind()) {
            case OPENED -> ApiReply.json(201, view(o.tx(), false));
            case REPEAT -> ApiReply.json(200, view(o.tx(), false));
            case CONFLICT -> ApiReply.problem(Problem.of(409, "idempotency-conflict", "Idempotency-Key already used", o.detail()));
            case RACED -> ApiReply.problem(Problem.of(409, "reference-taken", "Reference taken", o.detail()));
            case REFUSED -> {
                ObjectNode p = Problem.of(502, "payment-refused", "Payment not opened", o.detail());
                p.put("reference", o.tx().reference());
                yield ApiReply.problem(p);
            }
            case UNAVAILABLE -> ApiReply.problem(Problem.of(503, "payment-platform-unavailable", "Payment platform unavailable",
                    o.detail())).retryAfter(ApiReply.RETRY_AFTER_SECONDS);
        };
    }

    public ApiReply get(ApiRequest request) {
        if (!service.settings().isEnabled()) {
            return off();
        }
        Optional<Transactions.Tx> t = find(request);
        if (t.isEmpty()) {
            return notFound();
        }
        return ApiReply.json(200, view(t.get(), true));
    }

    public ApiReply receipt(ApiRequest request) {
        if (!service.settings().isEnabled()) {
            return off();
        }
        Optional<Transactions.Tx> t = find(request);
        if (t.isEmpty()) {
            return notFound();
        }
        if (t.get().state() != Transactions.State.PAID) {
            return ApiReply.problem(Problem.of(409, "not-paid", "Not paid", "payment " + t.get().reference() + " is "
                    + t.get().state() + "; a receipt exists once it is PAID"));
        }
        Optional<Transactions.Receipt> r;
        try {
            r = service.receipt(t.get());
        } catch (NationalFailure down) {
            r = Optional.empty();
        }
        if (r.isEmpty()) {
            return ApiReply.problem(Problem.of(503, "receipt-not-available", "Receipt not available yet",
                    "the payment platform has no receipt for this payment yet; ask again later"))
                    .retryAfter(ApiReply.RETRY_AFTER_SECONDS);
        }
        return ApiReply.bytes(200, r.get().mediaType(), r.get().content())
                .withHeader("Content-Disposition", "attachment; filename=\"" + t.get().reference() + ".pdf\"");
    }

    /** The platform's confirm: 200 with the platform's reply shape once committed; refusals are problems, nothing stored. */
    public ApiReply confirm(ApiRequest request) throws IOException {
        if (!service.settings().isEnabled()) {
            return off();
        }
        ApiRequest.Json read = request.readJson();
        if (read.refused()) {
            log.info("payment confirm refused: body not JSON");
            return read.problem();
        }
        JsonNode c = read.tree();
        List<Violation> violations = ConfirmCheck.check(c);
        if (!violations.isEmpty()) {
            return refuse("confirm", violations);
        }
        PaymentService.Confirmed r = service.confirm(c, new String(request.rawBody(), java.nio.charset.StandardCharsets.UTF_8));
        String reference = c.get("MaThamChieu").asText();
        return switch (r.kind()) {
            case APPLIED, REPEAT -> ApiReply.jsonText(200, r.reply());
            case SEAL -> refusal(reference, 401, "seal", "MaXacThuc", "seal.mismatch", r.detail());
            case PARTNER -> refusal(reference, 403, "partner", "MaDoiTac", "partner.unknown", r.detail());
            case UNKNOWN -> refusal(reference, 404, "unknown reference", "MaThamChieu", "reference.unknown", r.detail());
            case AMOUNT -> refusal(reference, 409, "amount mismatch", "SoTien", "amount.mismatch", r.detail());
        };
    }

    /** The portal asks what a dossier owes: -1 unknown, 0 nothing to pay, 1 with the bill (B's dptracuuthanhtoanhs). */
    public ApiReply bill(ApiRequest request) {
        if (!service.settings().isEnabled()) {
            return off();
        }
        ApiRequest.Json read = request.readJson();
        if (read.refused()) {
            return read.problem();
        }
        JsonNode r = read.tree();
        JsonNode code = r.get("MaHoSo");
        if (!r.isObject() || code == null || !code.isTextual() || Identifiers.dossierCode(code.textValue()) != null || r.size() != 1) {
            return refuse("bill lookup", List.of(Violation.of("MaHoSo", "dossier-code.format",
                    "the body is {\"MaHoSo\": <dossier code>}, e.g. 000.00.12.H47-241124-0001")));
        }
        List<Transactions.Tx> txs = service.transactions().ofDossier(code.textValue());
        ObjectNode out = json.createObjectNode();
        if (txs.isEmpty()) {
            out.put("error_code", -1).putArray("message");
        } else if (txs.stream().anyMatch(t -> t.state() == Transactions.State.PAID)) {
            out.put("error_code", 0).putArray("message");
        } else {
            out.put("error_code", 1).set("message", billOf(txs.get(0)));
        }
        log.info("bill lookup of dossier {}: error_code {}", code.textValue(), out.get("error_code").asInt());
        return ApiReply.json(200, out);
    }

    private ObjectNode billOf(Transactions.Tx t) {
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

    private Optional<Transactions.Tx> find(ApiRequest request) {
        String ref = request.header("reference");
        if (ref == null || !REFERENCE.matcher(ref).matches()) {
            return Optional.empty();
        }
        return service.transactions().find(ref);
    }

    private static ApiReply notFound() {
        return ApiReply.problem(Problem.of(404, "not-found", "No such payment", "no payment has this reference"));
    }

    private static ApiReply refuse(String what, List<Violation> violations) {
        log.info("payment {} refused with {}: {}", what, Problem.statusFor(violations), violations.stream()
                .map(v -> v.field() + " " + v.rule()).toList());
        return ApiReply.invalid(violations);
    }

    private static ApiReply refusal(String reference, int status, String what, String field, String rule, String detail) {
        log.warn("payment confirm of {} refused ({}): state unchanged", reference, what);
        ObjectNode p = Problem.of(status, "payment-confirm-refused", "Confirm refused", detail);
        p.set("errors", Problem.errors(List.of(Violation.of(field, rule, detail))));
        return ApiReply.problem(p);
    }

    private static ApiReply off() {
        return ApiReply.problem(Problem.of(404, "not-found", "Payments are off", "gateway.payments.enabled is false"));
    }
}
