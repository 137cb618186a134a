package vn.lienthong.gateway.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %m} / {@code %msg} with personal data masked and line breaks escaped (logback-spring.xml, profile text-logs):
 * a client's text in a message (an unknown field's name) must not start a forged line of its own.
 */
public class MaskingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        String masked = PersonalDataMasker.mask(super.convert(event));
        return masked == null ? null : masked.replace("\r", "\\r").replace("\n", "\\n");
    }
}
