package vn.lienthong.gateway.national.population;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class PopulationAuthInterceptorTest {

    /** Authorization is Basic base64(user:sha256hex(url + user + timestamp + secret)). */
    @Test
    void shouldHashUrlUserTimestampAndSecretWhenSigning() {
        String header = PopulationAuthInterceptor.authorization("http://h/dancu", "u", "1700000000000", "s");
        String decoded = new String(Base64.getDecoder().decode(header.substring("Basic ".length())), StandardCharsets.UTF_8);
        assertEquals("u:" + PopulationAuthInterceptor.sha256Hex("http://h/dancuu1700000000000s"), decoded);
        assertEquals(64 + 2, decoded.length());
    }

    /** Names go upper case without diacritics, đ as D, single spaces. */
    @Test
    void shouldUpperCaseWithoutDiacriticsWhenNormalisingNames() {
        assertEquals("NGUYEN VAN DUC", NameNormalizer.normalize("  Nguyễn   Văn Đức "));
        assertEquals("TRAN THI BICH NGOC", NameNormalizer.normalize("trần thị bích ngọc"));
        assertEquals("DANG DINH", NameNormalizer.normalize("Đặng đình"));
    }
}
