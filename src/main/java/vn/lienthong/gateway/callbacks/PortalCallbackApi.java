package vn.lienthong.gateway.callbacks;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import vn.lienthong.gateway.api.ApiReply;
import vn.lienthong.gateway.api.ApiRequest;
import vn.lienthong.gateway.api.JsonBodies;
import vn.lienthong.gateway.api.Problem;
import vn.lienthong.gateway.api.Violation;

/**
 * POST /api/v1/portal/callbacks (routes/portal-callbacks.camel.yaml). In order (a body over its size limit was
 * refused before: security/BodyLimitFilter): 404 unless push mode, 401 without a valid signature and fresh
 * timestamp, 400 for a missing message id, 409 for a signature used before under another message id,
 * 400 for malformed JSON or an invalid callback; then the callback is committed and only then answered 200
 * {@code {"error_code":0}} — the same for a repeat. Nothing is stored before the answer says so.
 */
public class PortalCallbackApi {
    private static final Logger log = LoggerFactory.getLogger(PortalCallbackApi.class);
    private static final Pattern MESSAGE_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,100}");

    private final CallbackService service;
    private final CallbackSignature signature;
    private final CallbackProperties cfg;
    private final ObjectMapper json;
    private final SignatureReplayCache replays;

    public PortalCallbackApi(CallbackService service, CallbackSignature signature, CallbackProperties cfg, ObjectMapper json,
                             SignatureReplayCache replays) {
        this.replays = replays;
        this.service = service;
        this.signature = signature;
        this.cfg = cfg;
        this.json = json;
    }

    public ApiReply receive(ApiRequest request) {
        if (cfg.getMode() != CallbackProperties.Mode.PUSH) {
            return ApiReply.problem(Problem.of(404, "not-found", "Push callbacks are off",
                    "this gateway polls the portal (gateway.callbacks.mode=poll)"));
        }
        CallbackVocabulary vocab = service.vocabulary();
        byte[] raw = request.rawBody();
        String messageId = request.header(vocab.get("header.messageId"));
        String timestamp = request.header(vocab.get("header.timestamp"));
        String signed = request.header(vocab.get("header.signature"));
        CallbackSignature.Verdict verdict = signature.verify(timestamp, signed, raw);
        if (verdict != CallbackSignature.Verdict.VALID) {
            log.warn("portal callback {} refused with 401: {}", safe(messageId), verdict);
            return ApiReply.problem(Problem.of(401, "bad-signature", "Unauthenticated",
                    "the callback needs a valid " + vocab.get("header.signature") + " over a "
                            + vocab.get("header.timestamp") + " within " + cfg.getMaxClockSkew().toSeconds() + " s"));
        }
        if (messageId == null || !MESSAGE_ID.matcher(messageId).matches()) {
            return ApiReply.invalid(List.of(Violation.of(vocab.get("header.messageId"), "message-id.format",
                    vocab.get("header.messageId") + " is 1-100 characters of letters, digits and . _ : -")));
        }
        if (!replays.firstUseOrRepeat(signed, messageId, Long.parseLong(timestamp.trim()))) {
            log.warn("portal callback {} refused with 409: its signature was used before under another message id", messageId);
            return ApiReply.problem(Problem.of(409, "replayed-signature", "Signature already used",
                    "this signed body was accepted before under another " + vocab.get("header.messageId")));
        }
        JsonBodies.Parsed parsed = JsonBodies.read(raw);
        if (parsed.problem() != null) {
            return ApiReply.invalid(List.of(parsed.problem()));
        }
        JsonNode envelope = parsed.tree();
        OffsetDateTime sentAt = Instant.ofEpochSecond(Long.parseLong(timestamp.trim())).atOffset(ZoneOffset.UTC);
        CallbackService.Result r = service.accept(List.of(new CallbackService.Callback(envelope, messageId, sentAt))).get(0);
        return switch (r.outcome()) {
            case REJECTED -> {
                log.info("portal callback {} refused with 400: {}", messageId,
                        r.violations().stream().map(Violation::rule).toList());
                yield ApiReply.invalid(r.violations());
            }
            case CONFLICT -> {
                log.warn("portal callback {} repeats a known message id with a different body; refused with 409", messageId);
                yield ApiReply.problem(Problem.of(409, "idempotency-conflict", "Message id already used",
                        "message " + messageId + " was accepted before with a different body"));
            }
            case ACCEPTED, DUPLICATE -> ApiReply.json(200, ok(messageId));
        };
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
