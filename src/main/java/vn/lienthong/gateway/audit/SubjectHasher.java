package vn.lienthong.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The keyed hash that stands for a personal ID in the audit log: HMAC-SHA256, hex. */
public class SubjectHasher {
    private final SecretKeySpec key;

    public SubjectHasher(String secret) {
        if (secret == null || secret.isBlank()) {
            throw new IllegalArgumentException("gateway.audit.hmac-secret is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public String hash(String personalId) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(personalId.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
