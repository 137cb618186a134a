package vn.lienthong.gateway.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/** {@code %m} / {@code %msg} with personal data masked (logback-spring.xml). */
public class MaskingMessageConverter extends MessageConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return PersonalDataMasker.mask(super.convert(event));
    }
}
