package vn.lienthong.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.springboot.PlatformHttpMessage;
import org.apache.camel.http.common.DefaultHttpBinding;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

import vn.lienthong.gateway.ops.ApiErrors;
import vn.lienthong.gateway.security.BodyLimitFilter;

class RestAdapterTest {
    private final CamelContext camel = new DefaultCamelContext();
    private final RestAdapter adapter = new RestAdapter();

    @AfterEach
    void tearDown() {
        SecurityContextHolder.clearContext();
        camel.stop();
    }

    /** An exchange as platform-http hands it over, its servlet request carrying the attributes given. */
    private Exchange arriving(Map<String, Object> attributes) {
        MockHttpServletRequest servlet = new MockHttpServletRequest("POST", "/api/v1/x");
        attributes.forEach(servlet::setAttribute);
        Exchange ex = new DefaultExchange(camel);
        ex.setIn(new PlatformHttpMessage(ex, new DefaultHttpBinding(), servlet, new MockHttpServletResponse()));
        ex.getIn().setHeader(Exchange.HTTP_METHOD, "POST");
        return ex;
    }

    /** Headers and parameters are read by name whatever their case, the client from its header, non-text values as text. */
    @Test
    void shouldReadHeadersByNameWhenRequestArrives() {
        Exchange ex = arriving(Map.of());
        ex.getIn().setHeader("personalId", "048203527601");
        ex.getIn().setHeader(ApiRequest.CLIENT_HEADER, "onestop");
        ex.getIn().setHeader("X-Count", 5);

        ApiRequest request = adapter.request(ex);

        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("PERSONALID")).isEqualTo("048203527601");
        assertThat(request.header("x-count")).isEqualTo("5");
        assertThat(request.client()).isEqualTo("onestop");
        assertThat(request.header("absent")).isNull();
    }

    /** The body is the bytes the body-limit filter kept, not Camel's text copy in which a non-UTF-8 byte was replaced. */
    @Test
    void shouldTakeRawBytesWhenBodyLimitFilterKeptThem() {
        byte[] sent = {'{', '"', 'a', '"', ':', '"', (byte) 0xE9, '"', '}'};
        Exchange ex = arriving(Map.of(BodyLimitFilter.RAW_BODY, sent));
        ex.getIn().setBody(new String(sent, StandardCharsets.UTF_8));

        ApiRequest request = adapter.request(ex);

        assertThat(request.rawBody()).isEqualTo(sent);
        assertThat(request.streamedBody()).isNull();
    }

    /** A streamed path's body is handed on as the filter's stream, unread. */
    @Test
    void shouldHandOnStreamUnreadWhenPathIsStreamed() throws Exception {
        InputStream stream = new ByteArrayInputStream(new byte[] {1, 2, 3});
        Exchange ex = arriving(Map.of(BodyLimitFilter.STREAM, stream));

        ApiRequest request = adapter.request(ex);

        assertThat(request.streamedBody()).isSameAs(stream);
        assertThat(stream.available()).isEqualTo(3);
        assertThat(request.rawBody()).isEmpty();
    }

    /** The scopes of the calling API key travel with the request. */
    @Test
    void shouldCarryScopesWhenCallerIsAuthenticated() {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("onestop", null,
                List.of(new SimpleGrantedAuthority("SCOPE_citizen:read"), new SimpleGrantedAuthority("ROLE_x"))));

        ApiRequest request = adapter.request(arriving(Map.of()));

        assertThat(request.hasScope("citizen:read")).isTrue();
        assertThat(request.hasScope("citizen:read-sensitive")).isFalse();
    }

    /** Writing a reply drops every request header and sets status, media type, the reply's own headers and body. */
    @Test
    void shouldWriteReplyAndDropRequestHeadersWhenReplying() {
        Exchange ex = arriving(Map.of());
        ex.getIn().setHeader("X-Officer-Id", "cb-01");
        ex.getIn().setHeader(ApiRequest.CLIENT_HEADER, "onestop");
        ex.getIn().setBody(ApiReply.invalid(List.of(Violation.unavailable("procedureCode", "catalogue-not-loaded", "later"))));

        adapter.reply(ex);

        assertThat(ex.getMessage().getHeaders()).containsOnly(Map.entry(Exchange.HTTP_RESPONSE_CODE, 503),
                Map.entry(Exchange.CONTENT_TYPE, "application/problem+json"), Map.entry("Retry-After", "60"));
        assertThat(ex.getMessage().getBody(String.class)).contains("\"field\":\"procedureCode\"")
                .contains("\"rule\":\"catalogue-not-loaded\"");
    }

    /** A streamed reply goes out unread with its length. */
    @Test
    void shouldSetLengthWhenReplyIsAStream() {
        Exchange ex = arriving(Map.of());
        InputStream file = new ByteArrayInputStream(new byte[] {1, 2, 3});
        ex.getIn().setBody(ApiReply.stream(200, "application/pdf", file, 3).withHeader("X-Checksum-SHA256", "abc"));

        adapter.reply(ex);

        assertThat(ex.getMessage().getHeader(Exchange.CONTENT_LENGTH)).isEqualTo(3L);
        assertThat(ex.getMessage().getHeader("X-Checksum-SHA256")).isEqualTo("abc");
        assertThat(ex.getMessage().getBody()).isSameAs(file);
    }

    /** Camel's bean binding carries the request into a plain handler and its reply out; a failure gets the last resort's problem. */
    @Test
    void shouldBindPlainHandlerWhenRouteReadsThreeBeanSteps() throws Exception {
        camel.getRegistry().bind("restAdapter", adapter);
        camel.getRegistry().bind("apiErrors", new ApiErrors());
        camel.getRegistry().bind("echo", new Echo());
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("error-handling.camel.yaml",
                Files.readString(Path.of("routes/error-handling.camel.yaml"))));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:echo").routeConfigurationId("api-errors")
                        .bean("restAdapter", "request").bean("echo", "handle").bean("restAdapter", "reply");
            }
        });
        camel.start();

        Exchange ok = camel.createProducerTemplate().request("direct:echo", e -> {
            e.getIn().setHeader("name", "An");
            e.getIn().setHeader(ApiRequest.CLIENT_HEADER, "onestop");
        });
        Exchange failed = camel.createProducerTemplate().request("direct:echo", e -> e.getIn().setHeader("name", "fail"));

        assertThat(ok.getMessage().getHeaders()).containsOnly(Map.entry(Exchange.HTTP_RESPONSE_CODE, 201),
                Map.entry(Exchange.CONTENT_TYPE, "application/json"));
        assertThat(ok.getMessage().getBody(String.class)).isEqualTo("{\"hello\":\"An\",\"client\":\"onestop\"}");
        assertThat(failed.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE)).isEqualTo(500);
        assertThat(failed.getMessage().getHeader(Exchange.CONTENT_TYPE)).isEqualTo("application/problem+json");
        assertThat(failed.getMessage().getBody(String.class)).contains("urn:lienthong:problem:internal-error")
                .doesNotContain("boom");
    }

    /** A plain handler as the *Api beans are. */
    public static class Echo {
        public ApiReply handle(ApiRequest request) {
            if ("fail".equals(request.header("name"))) {
                throw new IllegalStateException("boom");
            }
            return ApiReply.json(201, JsonNodeFactory.instance.objectNode().put("hello", request.header("name"))
                    .put("client", request.client()));
        }
    }
}
