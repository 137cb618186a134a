package vn.lienthong.gateway.payments;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.national.guard.NationalFailure;
import vn.lienthong.gateway.api.Violation;
import vn.lienthong.gateway.callbacks.CallbackService;
import vn.lienthong.gateway.delivery.DeliveryEngine;
import vn.lienthong.gateway.delivery.NewEvent;
import vn.lienthong.gateway.delivery.RequestHash;
import vn.lienthong.gateway.ops.Alarms;
import vn.lienthong.gateway.onestop.OneStopDestination;

/**
 * The payment round trip: INIT on the one-stop system's request, the platform's confirm, QUERY of what stays
 * unconfirmed, GET_BILL for the receipt. A confirmed payment becomes one one-stop event
 * (POST /api/v1/dossiers/{dossierCode}/payments) in the delivery engine, ordered with the dossier's other items.
 * Logs carry references, dossier codes and states only, never the payer.
 */
class PaymentService {
    private static final Logger log = LoggerFactory.getLogger(PaymentService.class);
    static final String SOURCE = "payment-platform";
    static final String EVENT_TYPE = "payment-result";
    static final String MISMATCH_ALARM = "payment_mismatch";
    private static final DateTimeFormatter TX_TIME = DateTimeFormatter.ofPattern("uuuuMMddHHmmss");

    /** What opening came to. */
    record Opened(Kind kind, Transactions.Tx tx, String detail) {
        enum Kind { OPENED, REPEAT, CONFLICT, REFUSED, UNAVAILABLE, RACED }
    }

    /** What a confirm callback came to. */
    record Confirmed(Kind kind, String reply, String detail) {
        enum Kind { APPLIED, REPEAT, SEAL, PARTNER, UNKNOWN, AMOUNT }
    }

    private final PaymentProperties cfg;
    private final Transactions txs;
    private final PlatformClient platform;
    private final DeliveryEngine engine;
    private final Alarms alarms;
    private final ObjectMapper json;
    private final Clock clock;
    private final String ip;

    PaymentService(PaymentProperties cfg, Transactions txs, PlatformClient platform, DeliveryEngine engine, Alarms alarms,
                   ObjectMapper json, Clock clock) {
        this.cfg = cfg;
        this.txs = txs;
        this.platform = platform;
        this.engine = engine;
        this.alarms = alarms;
        this.json = json;
        this.clock = clock;
        this.ip = cfg.getIp() == null || cfg.getIp().isBlank() ? firstIpv4() : cfg.getIp();
    }

    PaymentProperties settings() {
        return cfg;
    }

    Transactions transactions() {
        return txs;
    }

    // ---- INIT -------------------------------------------------------------------------------------------------

    /**
     * Opens a payment for a valid request: sends INIT, then stores the transaction with the INIT body, the text signed
     * and the answer, durable before the client is answered. A repeat of the client's key gets the stored transaction
     * and sends nothing. An INIT without an answer stores nothing: nobody got its payment page, so nobody can pay it,
     * and the client's repeat opens it anew.
     */
    Opened open(JsonNode request, String client, String idempotencyKey) {
        String hash = RequestHash.of(request);
        Optional<Transactions.Tx> known = txs.findByKey(client, idempotencyKey);
        if (known.isPresent()) {
            return repeat(known.get(), hash);
        }
        OffsetDateTime now = txs.now();
        String txTime = TX_TIME.format(now.atZoneSameInstant(ZoneId.of(cfg.getZone())));
        String dossier = request.get("dossierCode").asText();
        String reference = "dvc" + dossier.replaceAll("\\W", "") + txTime;
        ObjectNode init = OpenRequest.init(request, cfg, reference, txTime, ip);
        String body = init.toString();
        PlatformClient.Answer a;
        try {
            a = platform.init(body.getBytes(StandardCharsets.UTF_8));
        } catch (NationalFailure down) {
            log.warn("payment {} (dossier {}): INIT unanswered, nothing stored: {}", reference, dossier, down.getMessage());
            return new Opened(Opened.Kind.UNAVAILABLE, null, "the payment platform did not answer; send the same request again later");
        }
        String code = null;
        String message = a.text();
        String url = null;
        try {
            JsonNode answer = json.readTree(a.body());
            code = answer.path("error_code").asText(null);
            message = answer.path("message").isTextual() ? answer.get("message").textValue() : answer.path("message").toString();
            if ("0".equals(code)) {
                JsonNode inner = json.readTree(message);
                url = inner.path("UrlThanhToan").isTextual() ? inner.get("UrlThanhToan").textValue() : null;
            }
        } catch (IOException unreadable) {
            code = code == null ? "unreadable" : code;
        }
        boolean opened = a.status() < 300 && url != null && !url.isBlank();
        Transactions.Tx t = new Transactions.Tx(reference, client, idempotencyKey, hash, dossier, request.get("amount").asLong(),
                OpenRequest.fees(request).toString(), cfg.getPartnerCode(), txTime, PaymentSeal.text(OpenRequest.signed(init)), body,
                opened ? Transactions.State.INITIALISED : Transactions.State.NOT_OPENED, opened ? url : null,
                opened ? message : "HTTP " + a.status() + " error_code " + code + ": " + message, null, null, null, null, null,
                null, null, 0, opened ? now.plus(cfg.getQuery().getFirstAfter()) : null, null, null, now);
        if (!txs.insert(t, opened ? "INIT answered: payment page given" : "INIT refused: error_code " + code)) {
            Optional<Transactions.Tx> raced = txs.findByKey(client, idempotencyKey);
            if (raced.isPresent()) {
                return repeat(raced.get(), hash);
            }
            return new Opened(Opened.Kind.RACED, null, "a payment of dossier " + dossier + " was opened in the same second; send again");
        }
        if (!opened) {
            log.warn("payment {} (dossier {}) not opened: HTTP {}, error_code {}", reference, dossier, a.status(), code);
            return new Opened(Opened.Kind.REFUSED, t, "the payment platform refused the payment (error_code " + code + ")");
        }
        log.info("payment {} (dossier {}, {} đồng) opened", reference, dossier, t.amount());
        return new Opened(Opened.Kind.OPENED, t, null);
    }

    private Opened repeat(Transactions.Tx t, String hash) {
        if (!t.requestHash().equals(hash)) {
            return new Opened(Opened.Kind.CONFLICT, t, "this Idempotency-Key opened payment " + t.reference() + " with another request");
        }
        return new Opened(Opened.Kind.REPEAT, t, null);
    }

    // ---- confirm callback -------------------------------------------------------------------------------------

    /** The values MaXacThuc of a confirm covers; SoTien as plain digits whether sent as a number or a string. */
    static List<String> confirmValues(JsonNode c) {
        List<String> values = new ArrayList<>();
        for (String f : PaymentSeal.CONFIRM) {
            JsonNode v = c.get(f);
            values.add(v == null || v.isNull() ? "" : v.isNumber() ? v.numberValue().toString() : v.asText());
        }
        return values;
    }

    /**
     * A confirm whose fields have their types: the seal first (nothing about the transaction is revealed or stored
     * before it holds), then the partner, the transaction and the amount, then the state change with its one-stop
     * event, committed before this returns.
     */
    Confirmed confirm(JsonNode c, String raw) {
        if (!PaymentSeal.matches(confirmValues(c), cfg.getSecret(), c.get("MaXacThuc").asText())) {
            return new Confirmed(Confirmed.Kind.SEAL, null, "MaXacThuc does not match the confirm");
        }
        if (!cfg.getPartnerCode().equals(c.get("MaDoiTac").asText())) {
            return new Confirmed(Confirmed.Kind.PARTNER, null, "MaDoiTac is not this province's partner code");
        }
        String reference = c.get("MaThamChieu").asText();
        Optional<Transactions.Tx> found = txs.find(reference);
        if (found.isEmpty()) {
            return new Confirmed(Confirmed.Kind.UNKNOWN, null, "no payment has this MaThamChieu");
        }
        Transactions.Tx t = found.get();
        long amount = c.get("SoTien").asLong();
        if (amount != t.amount()) {
            txs.mismatch(reference, raw);
            alarms.report(MISMATCH_ALARM, SOURCE, true, "payment " + reference + " (dossier " + t.dossierCode() + ") confirmed for "
                    + amount + " đồng, " + t.amount() + " asked: refused; check with the platform before settling it by hand");
            return new Confirmed(Confirmed.Kind.AMOUNT, null, "SoTien is not the amount asked for this payment");
        }
        Transactions.State outcome = "00".equals(c.get("MaLoi").asText()) ? Transactions.State.PAID : Transactions.State.FAILED;
        ObjectNode reply = JsonNodeFactory.instance.objectNode();
        reply.putNull("LoaiBanTin");
        reply.set("MaLoi", c.get("MaLoi"));
        reply.put("MoTaLoi", "");
        reply.put("MaDoiTac", t.partnerCode());
        reply.putNull("MaThamChieu");
        reply.putNull("SoTien");
        reply.putNull("MaTienTe");
        reply.putNull("MaGiaoDich");
        reply.putNull("MaNganHang");
        reply.set("ThoiGianGD", c.has("ThoiGianGD") ? c.get("ThoiGianGD") : JsonNodeFactory.instance.nullNode());
        reply.putNull("ThongTinGiaoDich");
        reply.set("MaXacThuc", c.get("MaXacThuc"));
        Transactions.Settled s = txs.settle(reference, new Transactions.Confirm("CALLBACK", outcome, raw,
                text(c, "MaGiaoDich"), text(c, "MaNganHang"), reply.toString()), this::event);
        log.info("payment {} (dossier {}): confirm callback {} -> {}", reference, t.dossierCode(), outcome,
                s.changed() ? "applied" : "nothing changed (was " + s.before().state() + ")");
        if (s.changed()) {
            engine.wake(OneStopDestination.NAME);
        }
        return new Confirmed(s.changed() ? Confirmed.Kind.APPLIED : Confirmed.Kind.REPEAT, s.reply(), null);
    }

    // ---- the portal's THANH_TOAN item -------------------------------------------------------------------------

    /**
     * A THANH_TOAN item of the portal naming a transaction this gateway opened: the same checks (dossier, amount) and
     * the same single effect as the platform's confirm. Empty when the reference is not ours.
     */
    Optional<CallbackService.Result> portalResult(JsonNode data, boolean paid) {
        Optional<Transactions.Tx> found = txs.find(data.path("MaThamChieu").asText());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Transactions.Tx t = found.get();
        if (!t.dossierCode().equals(data.path("MaHoSo").asText())) {
            return Optional.of(rejected(t, "MaHoSo", "payment.dossier", "MaHoSo is not the dossier this payment was opened for"));
        }
        if (data.path("SoTien").asLong(-1) != t.amount()) {
            txs.mismatch(t.reference(), data.toString());
            alarms.report(MISMATCH_ALARM, SOURCE, true, "payment " + t.reference() + " (dossier " + t.dossierCode()
                    + ") reported by the portal for another amount than asked: refused; check with the platform");
            return Optional.of(rejected(t, "SoTien", "amount.mismatch", "SoTien is not the amount asked for this payment"));
        }
        Transactions.State outcome = paid ? Transactions.State.PAID : Transactions.State.FAILED;
        Transactions.Settled s = txs.settle(t.reference(), new Transactions.Confirm("PORTAL", outcome, data.toString(),
                text(data, "MaGiaoDich"), null, null), this::event);
        log.info("payment {} (dossier {}): portal THANH_TOAN {} -> {}", t.reference(), t.dossierCode(), outcome,
                s.changed() ? "applied" : "nothing changed (was " + s.before().state() + ")");
        if (s.changed()) {
            engine.wake(OneStopDestination.NAME);
        }
        return Optional.of(new CallbackService.Result(s.changed()
                ? CallbackService.Result.Outcome.ACCEPTED
                : CallbackService.Result.Outcome.DUPLICATE, t.dossierCode(), List.of()));
    }

    private static CallbackService.Result rejected(Transactions.Tx t, String field, String rule, String message) {
        log.warn("payment {} (dossier {}): portal THANH_TOAN refused ({})", t.reference(), t.dossierCode(), rule);
        return new CallbackService.Result(CallbackService.Result.Outcome.REJECTED,
                null, List.of(Violation.of(field, rule, message)));
    }

    // ---- QUERY ------------------------------------------------------------------------------------------------

    /** One QUERY of one transaction: TrangThaiGD 1 paid, 4 failed, 3 or anything else pending (asked again later). */
    void query(Transactions.Tx t) {
        OffsetDateTime now = txs.now();
        if (t.createdAt().plus(cfg.getQuery().getDeadline()).isBefore(now)) {
            txs.unresolved(t.reference());
            log.warn("payment {} (dossier {}): no final answer before the deadline; UNRESOLVED", t.reference(), t.dossierCode());
            return;
        }
        OffsetDateTime next = now.plus(backoff(t.checks()));
        PlatformClient.Answer a;
        try {
            a = platform.query(message("QUERY", t).toString().getBytes(StandardCharsets.UTF_8));
        } catch (NationalFailure down) {
            txs.checked(t.reference(), null, "QUERY unanswered: " + down.getMessage(), next);
            return;
        }
        JsonNode answer;
        try {
            answer = json.readTree(a.body());
        } catch (IOException unreadable) {
            txs.checked(t.reference(), null, "QUERY answer unreadable (HTTP " + a.status() + ")", next);
            return;
        }
        if (a.status() >= 300 || !"00".equals(answer.path("MaLoi").asText()) || !answer.isObject()) {
            txs.checked(t.reference(), null, "QUERY failed: HTTP " + a.status() + ", MaLoi " + answer.path("MaLoi").asText(""), next);
            return;
        }
        String state = answer.path("TrangThaiGD").asText("");
        if ("1".equals(state) || "4".equals(state)) {
            if ("1".equals(state) && answer.hasNonNull("SoTien") && answer.get("SoTien").asLong(-1) != t.amount()) {
                txs.mismatch(t.reference(), answer.toString());
                alarms.report(MISMATCH_ALARM, SOURCE, true, "payment " + t.reference() + " (dossier " + t.dossierCode()
                        + ") reported paid by QUERY for another amount than asked: not applied; check with the platform");
                txs.checked(t.reference(), answer.toString(), "QUERY: paid for another amount; not applied", next);
                return;
            }
            Transactions.State outcome = "1".equals(state) ? Transactions.State.PAID : Transactions.State.FAILED;
            Transactions.Settled s = txs.settle(t.reference(), new Transactions.Confirm("QUERY", outcome, answer.toString(),
                    text(answer, "MaGiaoDich"), text(answer, "MaNganHang"), null), this::event);
            if (s != null) {
                txs.queried(t.reference(), answer.toString());
            }
            log.info("payment {} (dossier {}): QUERY {} -> {}", t.reference(), t.dossierCode(), outcome,
                    s != null && s.changed() ? "applied" : "nothing changed");
            if (s != null && s.changed()) {
                engine.wake(OneStopDestination.NAME);
            }
            return;
        }
        txs.checked(t.reference(), answer.toString(), "QUERY: TrangThaiGD " + (state.isEmpty() ? "missing" : state) + ", pending", next);
    }

    /** The wait after {@code checks} QUERY calls: the initial backoff doubled each time, at most the maximum. */
    Duration backoff(int checks) {
        Duration d = cfg.getQuery().getInitialBackoff();
        for (int i = 0; i < checks && d.compareTo(cfg.getQuery().getMaxBackoff()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(cfg.getQuery().getMaxBackoff()) > 0 ? cfg.getQuery().getMaxBackoff() : d;
    }

    /** Whether the payment_mismatch alarm should still be raised (a mismatch within gateway.payments.mismatch-alarm-for). */
    void checkAlarm() {
        List<String> recent = txs.mismatchesSince(txs.now().minus(cfg.getMismatchAlarmFor()));
        alarms.report(MISMATCH_ALARM, SOURCE, !recent.isEmpty(), recent.size() + " payment(s) confirmed for another amount than asked: "
                + String.join(", ", recent.subList(0, Math.min(5, recent.size()))));
    }

    // ---- GET_BILL ---------------------------------------------------------------------------------------------

    /** The receipt of a paid transaction: stored, or fetched with GET_BILL and stored; empty while the platform has none. */
    Optional<Transactions.Receipt> receipt(Transactions.Tx t) {
        Optional<Transactions.Receipt> stored = txs.receipt(t.reference());
        if (stored.isPresent()) {
            return stored;
        }
        PlatformClient.Answer a = platform.bill(message("GET_BILL", t).toString().getBytes(StandardCharsets.UTF_8));
        if (a.status() >= 300 || a.body().length == 0) {
            return Optional.empty();
        }
        String type = a.body().length > 4 && new String(a.body(), 0, 4, StandardCharsets.US_ASCII).equals("%PDF") ? "application/pdf"
                : a.contentType() == null ? "application/octet-stream" : a.contentType();
        if (type.startsWith("application/json") || type.startsWith("text/")) {
            return Optional.empty(); // an error message, not a receipt
        }
        Transactions.Receipt r = new Transactions.Receipt(type, a.body());
        txs.storeReceipt(t.reference(), r);
        log.info("payment {} (dossier {}): receipt fetched ({} bytes)", t.reference(), t.dossierCode(), a.body().length);
        return Optional.of(r);
    }

    /** QUERY or GET_BILL of a transaction: its reference and the ThoiGianGD sent with INIT, sealed. */
    ObjectNode message(String kind, Transactions.Tx t) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("LoaiBanTin", kind);
        m.put("PhienBan", cfg.getVersion());
        m.put("MaDoiTac", t.partnerCode());
        m.put("MaThamChieu", t.reference());
        m.put("ThoiGianGD", t.txTime());
        m.put("MaXacThuc", PaymentSeal.seal(List.of(kind, cfg.getVersion(), t.partnerCode(), t.reference(), t.txTime()), cfg.getSecret()));
        return m;
    }

    // ---- one-stop event ---------------------------------------------------------------------------------------

    /** The one-stop event reporting a transaction's final state: one per state, keyed by reference and state. */
    NewEvent event(Transactions.Tx t, Transactions.State state) {
        Transactions.Tx now = txs.find(t.reference()).orElse(t);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("dossierCode", t.dossierCode());
        body.put("referenceCode", t.reference());
        body.put("transactionId", now.transactionCode());
        body.put("amount", t.amount());
        body.put("currency", "VND");
        body.put("status", state.name());
        body.put("paidAt", state == Transactions.State.PAID ? txs.now().toString() : null);
        body.put("paymentChannel", cfg.getInit().getChannel());
        body.put("confirmedBy", now.settledBy());
        try {
            body.set("fees", json.readTree(t.fees()));
        } catch (IOException e) {
            body.set("fees", JsonNodeFactory.instance.arrayNode());
        }
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("kind", "THANH_TOAN");
        payload.put("path", "/api/v1/dossiers/" + URLEncoder.encode(t.dossierCode(), StandardCharsets.UTF_8) + "/payments");
        payload.set("body", body);
        String key = "payment:" + t.reference() + ":" + state.name();
        return new NewEvent(SOURCE, key, RequestHash.of(JsonNodeFactory.instance.objectNode().put("key", key)), OneStopDestination.NAME,
                t.dossierCode(), EVENT_TYPE, OneStopDestination.OPERATION, OneStopDestination.NAME, payload.toString(), txs.now());
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String firstIpv4() {
        try {
            for (NetworkInterface i : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (!i.isUp() || i.isLoopback()) {
                    continue;
                }
                for (InetAddress a : Collections.list(i.getInetAddresses())) {
                    if (a instanceof Inet4Address) {
                        return a.getHostAddress();
                    }
                }
            }
        } catch (SocketException e) {
            // fall through
        }
        return "127.0.0.1";
    }
}
