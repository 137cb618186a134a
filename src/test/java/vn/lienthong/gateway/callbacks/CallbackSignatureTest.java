package vn.lienthong.gateway.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** The push signature on its own: secrets, window, malformed headers. */
class CallbackSignatureTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_795_600_000L), ZoneOffset.UTC);
    private static final byte[] BODY = "{\"LoaiThongBao\":\"DANH_GIA\"}".getBytes(StandardCharsets.UTF_8);
    private final CallbackSignature signature = new CallbackSignature("new", "old", Duration.ofSeconds(300), CLOCK);

    /** The reference scheme: HMAC-SHA256 of "timestamp.body", the same as `openssl dgst -sha256 -hmac` (fire.sh) computes. */
    @Test
    void shouldMatchOpensslWhenSigningKnownInput() {
        assertEquals("f1fa92ffba88ade79684aa4fe0136774e34f4b177e32a3eb4569ada6038ea561", CallbackSignature.sign("new", "1795600000", BODY));
    }

    /** Either secret of a rotation is valid; any other is not. */
    @Test
    void shouldAcceptBothSecretsWhenRotating() {
        String ts = "1795600000";
        assertEquals(CallbackSignature.Verdict.VALID, signature.verify(ts, CallbackSignature.sign("new", ts, BODY), BODY));
        assertEquals(CallbackSignature.Verdict.VALID, signature.verify(ts, CallbackSignature.sign("old", ts, BODY), BODY));
        assertEquals(CallbackSignature.Verdict.BAD_SIGNATURE, signature.verify(ts, CallbackSignature.sign("other", ts, BODY), BODY));
    }

    /** 300 s either way is inside the window, 301 s is not; a non-numeric timestamp is malformed. */
    @Test
    void shouldRefuseWhenTimestampOutsideWindowOrMalformed() {
        for (long offset : new long[] {-300, 300}) {
            String ts = Long.toString(1_795_600_000L + offset);
            assertEquals(CallbackSignature.Verdict.VALID, signature.verify(ts, CallbackSignature.sign("new", ts, BODY), BODY));
        }
        for (long offset : new long[] {-301, 301}) {
            String ts = Long.toString(1_795_600_000L + offset);
            assertEquals(CallbackSignature.Verdict.STALE, signature.verify(ts, CallbackSignature.sign("new", ts, BODY), BODY));
        }
        assertEquals(CallbackSignature.Verdict.MALFORMED_TIMESTAMP, signature.verify("yesterday", "ab", BODY));
        assertEquals(CallbackSignature.Verdict.MISSING, signature.verify("1795600000", null, BODY));
    }
}
