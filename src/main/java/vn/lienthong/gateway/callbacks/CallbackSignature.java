package vn.lienthong.gateway.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The push signature (national-portal.md): lowercase hex HMAC-SHA256 over {@code timestamp + "." + raw body}
 * with a shared secret. Two secrets may be valid at once so the portal and the province can rotate without
 * downtime. Comparison is constant-time and every secret is tried, so the time taken says nothing of which
 * one matched or how much of a guess was right.
 */
public class CallbackSignature {
    /** Why a signature was refused; the detail goes to the log, never to the caller. */
    public enum Verdict { VALID, MISSING, MALFORMED_TIMESTAMP, STALE, BAD_SIGNATURE }

    private final List<byte[]> secrets;
    private final Duration maxSkew;
    private final Clock clock;

    public CallbackSignature(String secret, String previousSecret, Duration maxSkew, Clock clock) {
        List<byte[]> s = new ArrayList<>();
        for (String v : new String[] {secret, previousSecret}) {
            if (v != null && !v.isBlank()) {
                s.add(v.getBytes(StandardCharsets.UTF_8));
            }
        }
        this.secrets = List.copyOf(s);
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    public Verdict verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank() || secrets.isEmpty()) {
            return Verdict.MISSING;
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED_TIMESTAMP;
        }
        long now = clock.millis() / 1000;
        if (Math.abs(now - ts) > maxSkew.toSeconds()) {
            return Verdict.STALE;
        }
        byte[] given = signature.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        boolean match = false;
        for (byte[] secret : secrets) {
            byte[] expected = hex(secret, timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
            match |= MessageDigest.isEqual(expected, given);
        }
        return match ? Verdict.VALID : Verdict.BAD_SIGNATURE;
    }

    /** The signature the portal sends for this timestamp and body (also used by the sandbox and the tests). */
    public static String sign(String secret, String timestamp, byte[] body) {
        return hex(secret.getBytes(StandardCharsets.UTF_8), timestamp, body);
    }

    private static String hex(byte[] secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            mac.update(body);
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }
}
