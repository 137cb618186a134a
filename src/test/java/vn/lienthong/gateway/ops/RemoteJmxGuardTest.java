package vn.lienthong.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Remote JMX is never accepted without authentication, and in production not without TLS. */
class RemoteJmxGuardTest {

    private static Properties flags(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty("com.sun.management.jmxremote." + kv[i], kv[i + 1]);
        }
        return p;
    }

    /** Without a remote port nothing is checked. */
    @Test
    void shouldAcceptWhenRemoteJmxOff() {
        assertThat(RemoteJmxGuard.problems(flags("authenticate", "false"), true)).isEmpty();
    }

    /** A remote port without authentication is refused in every profile. */
    @Test
    void shouldRefuseWhenAuthenticationOff() {
        assertThat(RemoteJmxGuard.problems(flags("port", "9010", "authenticate", "false"), false))
                .singleElement().asString().contains("authenticate=false");
    }

    /** Settings in com.sun.management.config.file count, and -D flags override them. */
    @Test
    void shouldReadConfigFileWhenGivenAndLetFlagsOverrideIt() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("management", ".properties");
        java.nio.file.Files.writeString(file, "com.sun.management.jmxremote.port=9010\n"
                + "com.sun.management.jmxremote.authenticate=false\n");
        Properties system = new Properties();
        system.setProperty("com.sun.management.config.file", file.toString());
        assertThat(RemoteJmxGuard.problems(RemoteJmxGuard.effective(system), false)).hasSize(1);
        system.setProperty("com.sun.management.jmxremote.authenticate", "true");
        assertThat(RemoteJmxGuard.problems(RemoteJmxGuard.effective(system), false)).isEmpty();
    }

    /** With TLS required, ssl=false or a registry without TLS is refused; the full production flags pass. */
    @Test
    void shouldRefuseWhenTlsRequiredAndMissing() {
        assertThat(RemoteJmxGuard.problems(flags("port", "9010", "ssl", "false"), true)).hasSize(2);
        assertThat(RemoteJmxGuard.problems(flags("port", "9010", "authenticate", "true", "ssl", "true",
                "registry.ssl", "true"), true)).isEmpty();
    }
}
