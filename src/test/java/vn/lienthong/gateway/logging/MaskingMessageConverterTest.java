package vn.lienthong.gateway.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class MaskingMessageConverterTest {

    /** A client's text with CR/LF (an unknown field's name) stays on its one line in text logs, escaped. */
    @Test
    void shouldEscapeLineBreaksWhenMessageCarriesClientText() {
        Logger logger = new LoggerContext().getLogger("t");
        LoggingEvent e = new LoggingEvent("t", logger, Level.INFO, "dossier event refused: {}",
                null, new Object[] {"[evil\r\n2026-12-05 ERROR forged line field.unknown]"});
        assertEquals("dossier event refused: [evil\\r\\n2026-12-05 ERROR forged line field.unknown]",
                new MaskingMessageConverter().convert(e));
    }
}
