package vn.lienthong.gateway.callbacks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The payment platform's own seal on a payment result, MaXacThuc: SHA-256 hex of the result's fields in a
 * fixed order (portal-callbacks-protocol.yaml payment.code.fields), joined with {@code |}, with the
 * platform's secret appended as one more {@code |}-separated part. An absent field counts as "".
 */
public final class PaymentCode {
    private PaymentCode() {
    }

    public static String compute(JsonNode data, List<String> fields, String secret) {
        List<String> parts = new ArrayList<>();
        for (String f : fields) {
            JsonNode v = data.get(f);
            parts.add(v == null || v.isNull() ? "" : v.asText());
        }
        parts.add(secret);
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Constant-time, case-insensitive comparison of the carried code with the computed one. */
    public static boolean matches(JsonNode data, List<String> fields, String secret, String carried) {
        byte[] expected = compute(data, fields, secret).getBytes(StandardCharsets.US_ASCII);
        byte[] given = carried.trim().toLowerCase().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
