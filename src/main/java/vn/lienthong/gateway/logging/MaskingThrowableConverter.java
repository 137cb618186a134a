package vn.lienthong.gateway.logging;

import ch.qos.logback.classic.spi.IThrowableProxy;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/** Spring Boot's {@code %wEx} (stack traces) with personal data in exception messages masked. */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {
    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return PersonalDataMasker.mask(super.throwableProxyToString(tp));
    }
}
