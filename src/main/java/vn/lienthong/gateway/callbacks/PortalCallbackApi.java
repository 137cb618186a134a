package vn.lienthong.gateway.callbacks;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.HttpReply;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;

/**
 * POST /api/v1/portal/callbacks (routes/portal-callbacks.camel.yaml). In order: 404 unless push mode, 413 over
 * the size limit, 401 without a valid signature and fresh timestamp, 400 for a missing message id, malformed
 * JSON or an invalid callback; then the callback is committed and only then answered 200
 * {@code {"error_code":0}} — the same for a repeat. Nothing is stored before the answer says so.
 */
public class PortalCallbackApi {
    private static final Logger log = LoggerFactory.getLogger(PortalCallbackApi.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");

    private final CallbackService service;
    private final CallbackSignature signature;
    private final CallbackProperties cfg;
    private final ObjectMapper json;

    public PortalCallbackApi(CallbackService service, CallbackSignature signature, CallbackProperties cfg, ObjectMapper json) {
        this.service = service;
        this.signature = signature;
        this.cfg = cfg;
        this.json = json;
    }

    public void receive(Exchange ex) {
        if (cfg.getMode() != CallbackProperties.Mode.PUSH) {
            HttpReply.problem(ex, Problem.of(404, "not-found", "Push callbacks are off",
                    "this gateway polls the portal (gateway.callbacks.mode=poll)"));
            return;
        }
        CallbackVocabulary vocab = service.vocabulary();
        Long declared = ex.getMessage().getHeader(Exchange.CONTENT_LENGTH, Long.class);
        byte[] body = declared != null && declared > cfg.getMaxBodyBytes() ? null : ex.getMessage().getBody(byte[].class);
        if ((declared != null && declared > cfg.getMaxBodyBytes()) || (body != null && body.length > cfg.getMaxBodyBytes())) {
            HttpReply.problem(ex, Problem.of(413, "too-large", "Request too large",
                    "the body is larger than " + cfg.getMaxBodyBytes() + " bytes"));
            return;
        }
        byte[] raw = body == null ? new byte[0] : body;
        String messageId = ex.getMessage().getHeader(vocab.get("header.messageId"), String.class);
        String timestamp = ex.getMessage().getHeader(vocab.get("header.timestamp"), String.class);
        CallbackSignature.Verdict verdict = signature.verify(timestamp,
                ex.getMessage().getHeader(vocab.get("header.signature"), String.class), raw);
        if (verdict != CallbackSignature.Verdict.VALID) {
            log.warn("portal callback {} refused with 401: {}", safe(messageId), verdict);
            HttpReply.problem(ex, Problem.of(401, "bad-signature", "Unauthenticated",
                    "the callback needs a valid " + vocab.get("header.signature") + " over a "
                            + vocab.get("header.timestamp") + " within " + cfg.getMaxClockSkew().toSeconds() + " s"));
            return;
        }
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            HttpReply.invalid(ex, List.of(Violation.of(vocab.get("header.messageId"), "message-id.format",
                    vocab.get("header.messageId") + " is 1-100 characters of letters, digits and . _ : -")));
            return;
        }
        JsonNode envelope;
        try {
            envelope = json.readTree(raw);
        } catch (JsonProcessingException e) {
            HttpReply.invalid(ex, List.of(Violation.of("$", "json.malformed", "the body is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")")));
            return;
        } catch (IOException e) {
            HttpReply.invalid(ex, List.of(Violation.of("$", "json.malformed", "the body is not valid JSON")));
            return;
        }
        if (envelope == null || envelope.isMissingNode()) {
            HttpReply.invalid(ex, List.of(Violation.of("$", "body.required", "the request has no body")));
            return;
        }
        OffsetDateTime sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim())).atOffset(ZoneOffset.UTC);
        CallbackService.Result r = service.accept(List.of(new CallbackService.Callback(envelope, messageId, sentAt))).get(0);
        switch (r.outcome()) {
            case REJECTED -> {
                log.info("portal callback {} refused with 400: {}", messageId,
                        r.violations().stream().map(Violation::rule).toList());
                HttpReply.invalid(ex, r.violations());
            }
            case CONFLICT -> {
                log.warn("portal callback {} repeats a known message id with a different body; refused with 409", messageId);
                HttpReply.problem(ex, Problem.of(409, "idempotency-conflict", "Message id already used",
                        "message " + messageId + " was accepted before with a different body"));
            }
            case ACCEPTED, DUPLICATE -> HttpReply.json(ex, 200, ok(messageId));
        }
    }

    /** The same answer for the first delivery and every repeat, as the portal expects. */
    private ObjectNode ok(String messageId) {
        ObjectNode o = json.createObjectNode();
        o.put("error_code", 0);
        o.put("message", "đã nhận");
        o.put("messageId", messageId);
        return o;
    }

    /** A message id as it may appear in a log line: only the characters a valid one has, cut short. */
    private static String safe(String messageId) {
        if (messageId == null) {
            return "(no message id)";
        }
        String s = messageId.replaceAll("[^A-Za-z0-9._:\\-]", "?");
        return s.length() > 100 ? s.substring(0, 100) : s;
    }
}
