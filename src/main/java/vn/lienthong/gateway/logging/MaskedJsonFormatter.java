package vn.lienthong.gateway.logging;

import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.boot.logging.structured.StructuredLogFormatter;

/**
 * One JSON object per log line (Spring Boot structured logging, logback-spring.xml), with the message and
 * stack trace passed through {@link PersonalDataMasker} and the MDC (correlationId, Camel's keys) as fields.
 */
public class MaskedJsonFormatter implements StructuredLogFormatter<ILoggingEvent> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String format(ILoggingEvent event) {
        ObjectNode line = JSON.createObjectNode();
        line.put("@timestamp", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        line.put("level", event.getLevel().toString());
        line.put("logger", event.getLoggerName());
        line.put("thread", event.getThreadName());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((k, v) -> line.put(k, PersonalDataMasker.mask(v)));
        }
        line.put("message", PersonalDataMasker.mask(event.getFormattedMessage()));
        IThrowableProxy t = event.getThrowableProxy();
        if (t != null) {
            line.put("error.type", t.getClassName());
            line.put("error.stack_trace", PersonalDataMasker.mask(ThrowableProxyUtil.asString(t)));
        }
        return line.toString() + "\n";
    }
}
