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

    /** Every call carries the four authentication headers, and the request's correlation id when there is one. */
    @Test
    void shouldAddAuthHeadersAndCorrelationIdWhenSending() {
        org.apache.cxf.message.Message m = new org.apache.cxf.message.MessageImpl();
        m.put(org.apache.cxf.message.Message.ENDPOINT_ADDRESS, "http://h/dancu");
        org.slf4j.MDC.put("correlationId", "corr-42");
        try {
            new PopulationAuthInterceptor("u", "s", "k", "VN/GOV/X/Y", () -> 1700000000000L).handleMessage(m);
        } finally {
            org.slf4j.MDC.remove("correlationId");
        }
        @SuppressWarnings("unchecked")
        java.util.Map<String, java.util.List<String>> h =
                (java.util.Map<String, java.util.List<String>>) m.get(org.apache.cxf.message.Message.PROTOCOL_HEADERS);
        assertEquals(java.util.List.of("1700000000000"), h.get("Timestamp"));
        assertEquals(java.util.List.of(PopulationAuthInterceptor.authorization("http://h/dancu", "u", "1700000000000", "s")),
                h.get("Authorization"));
        assertEquals(java.util.List.of("VN/GOV/X/Y"), h.get("X-Road-Client"));
        assertEquals(java.util.List.of("k"), h.get("ApiKey"));
        assertEquals(java.util.List.of("corr-42"), h.get("X-Correlation-Id"));
    }

    /** Names go upper case without diacritics, đ as D, single spaces. */
    @Test
    void shouldUpperCaseWithoutDiacriticsWhenNormalisingNames() {
        assertEquals("NGUYEN VAN DUC", NameNormalizer.normalize("  Nguyễn   Văn Đức "));
        assertEquals("TRAN THI BICH NGOC", NameNormalizer.normalize("trần thị bích ngọc"));
        assertEquals("DANG DINH", NameNormalizer.normalize("Đặng đình"));
    }
}
