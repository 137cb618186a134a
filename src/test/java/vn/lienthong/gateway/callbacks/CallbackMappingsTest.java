package vn.lienthong.gateway.callbacks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import org.springframework.boot.context.properties.bind.Binder;

import vn.lienthong.gateway.config.RequiredSettings;
import vn.lienthong.gateway.mapping.MappingException;
import vn.lienthong.gateway.mapping.MappingLoader;

/** The callback tables of mappings/ and the settings the callbacks need, checked without the application. */
class CallbackMappingsTest {

    @TempDir
    Path dir;

    private void copyMappings() throws IOException {
        for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath:mappings/*.yaml")) {
            Files.write(dir.resolve(r.getFilename()), r.getContentAsByteArray());
        }
    }

    private CallbackVocabulary load() {
        return CallbackVocabulary.from(MappingLoader.load("file:" + dir + "/"));
    }

    /** The shipped tables serve all five kinds. */
    @Test
    void shouldServeEveryKindWhenShippedMappingsAreLoaded() throws IOException {
        copyMappings();

        assertEquals(CallbackVocabulary.KNOWN_KINDS, load().kinds());
    }

    /** A kind the code does not know is refused at start-up with file and line. */
    @Test
    void shouldFailWithFileAndLineWhenKindIsUnknown() throws IOException {
        copyMappings();
        Path kinds = dir.resolve("portal-callback-kinds.yaml");
        Files.writeString(kinds, Files.readString(kinds).replace("kind: DANH_GIA", "kind: DANH_GIA_X"));

        MappingException e = assertThrows(MappingException.class, this::load);

        assertTrue(e.getMessage().matches("portal-callback-kinds\\.yaml:\\d+: unknown kind 'DANH_GIA_X'.*"), e.getMessage());
    }

    /** A template field looking up a table that does not exist is refused with file and line. */
    @Test
    void shouldFailWithFileAndLineWhenTemplateLooksUpMissingTable() throws IOException {
        copyMappings();
        Path payment = dir.resolve("one-stop-payment.yaml");
        Files.writeString(payment, Files.readString(payment).replace("lookup: one-stop-payment-statuses.status", "lookup: nope.status"));

        MappingException e = assertThrows(MappingException.class, this::load);

        assertTrue(e.getMessage().startsWith("one-stop-payment.yaml:"), e.getMessage());
    }

    /** A push start without the secret, payment secret and one-stop address and key names each missing setting. */
    @Test
    void shouldNameEachMissingSettingWhenStartedWithoutThem() {
        RequiredSettings.Missing missing = new RequiredSettings.Missing();
        new CallbackRequiredSettings().check(new Binder(), missing);

        assertEquals(List.of("gateway.callbacks.secret (GATEWAY_CALLBACKS_SECRET)",
                "gateway.callbacks.payment-secret (GATEWAY_CALLBACKS_PAYMENT_SECRET)",
                "gateway.one-stop.base-url (GATEWAY_ONE_STOP_BASE_URL)",
                "gateway.one-stop.api-key (GATEWAY_ONE_STOP_API_KEY)"), missing.names());
    }
}
