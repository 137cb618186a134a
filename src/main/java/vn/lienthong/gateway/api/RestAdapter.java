package vn.lienthong.gateway.api;

import java.io.InputStream;

import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.TypeConverter;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.springframework.stereotype.Component;

import vn.lienthong.gateway.security.BodyLimitFilter;
import vn.lienthong.gateway.security.Scopes;

/**
 * Between Camel and the REST handlers: every REST route reads {@code request} (the exchange to an
 * {@link ApiRequest} in the body), the handler ({@code ApiReply x(ApiRequest)}), then {@code reply} (the
 * {@link ApiReply} in the body to the HTTP answer). The one place a REST answer is written, the last-resort
 * one of routes/error-handling.camel.yaml included.
 */
@Component("restAdapter")
public class RestAdapter {

    /** The request as the handler may read it; runs on the request's thread, where its API key's scopes are known. */
    public ApiRequest request(Exchange ex) {
        Message m = ex.getMessage();
        ApiRequest.Builder b = ApiRequest.builder(m.getHeader(Exchange.HTTP_METHOD, String.class));
        TypeConverter converter = ex.getContext().getTypeConverter();
        m.getHeaders().forEach((name, value) ->
                b.header(name, value instanceof String s ? s : converter.tryConvertTo(String.class, ex, value)));
        b.scopes(Scopes.current());
        HttpServletRequest servlet = ex.getIn() instanceof PlatformHttpMessage p ? p.getRequest() : null;
        if (servlet != null && servlet.getAttribute(BodyLimitFilter.STREAM) instanceof InputStream stream) {
            // Nothing may read a streamed body ahead of its handler.
            b.streamedBody(stream);
        } else if (servlet != null && servlet.getAttribute(BodyLimitFilter.RAW_BODY) instanceof byte[] raw) {
            // Camel's own copy may have been decoded as text on the way, which replaces bytes that are not UTF-8
            // and would change what a signature covers.
            b.body(raw);
        } else {
            b.body(m.getBody(byte[].class));
        }
        return b.build();
    }

    /** Writes the {@link ApiReply} in the body as the HTTP answer: no header of the request goes back. */
    public void reply(Exchange ex) {
        ApiReply reply = ex.getMessage().getBody(ApiReply.class);
        if (reply == null) {
            throw new IllegalStateException("route " + ex.getFromRouteId() + " ended without an ApiReply");
        }
        Message m = ex.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, reply.status());
        m.setHeader(Exchange.CONTENT_TYPE, reply.mediaType());
        if (reply.contentLength() >= 0) {
            m.setHeader(Exchange.CONTENT_LENGTH, reply.contentLength());
        }
        reply.headers().forEach(m::setHeader);
        m.setBody(reply.body());
    }
}
