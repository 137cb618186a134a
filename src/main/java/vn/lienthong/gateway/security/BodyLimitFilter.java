package vn.lienthong.gateway.security;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a form or multipart body (415: the gateway takes JSON, and those would be parsed into parameters), and a
 * body over its path's limit (gateway.http.*) with 413 before anything buffers it: on the declared
 * Content-Length at once, and on the bytes as they arrive (chunked bodies declare none), reading at most one byte
 * past the limit. Runs ahead of authentication, so an anonymous client cannot make the gateway hold a large body
 * either. A body within the limit is handed on from memory, and its bytes kept as they came ({@link #RAW_BODY}):
 * what reads the body as text may replace bytes that are not UTF-8.
 */
public class BodyLimitFilter extends OncePerRequestFilter {
    /** Request attribute holding the body's bytes exactly as they came (a signature is checked over these). */
    public static final String RAW_BODY = BodyLimitFilter.class.getName() + ".raw";
    /**
     * Request attribute holding the body of a streamed path (gateway.http.streamed-paths) as an InputStream that fails
     * with {@link TooLargeException} past the path's limit. The request itself then shows no body, so that nothing
     * on the way (Camel's binding would copy it into memory) reads it first.
     */
    public static final String STREAM = BodyLimitFilter.class.getName() + ".stream";
    private final BodyLimitProperties limits;
    private final ProblemResponses problems = new ProblemResponses();

    public BodyLimitFilter(BodyLimitProperties limits) {
        this.limits = limits;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = limits.limitFor(request.getRequestURI());
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            tooLarge(response, limit);
            return;
        }
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(java.util.Locale.ROOT);
        if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/")) {
            // The container and Camel would parse such a body into parameters; the gateway takes JSON only.
            problems.write(response, 415, "unsupported-media-type", "Unsupported media type", "send the body as application/json");
            return;
        }
        if (limits.getStreamedPaths().contains(request.getRequestURI())) {
            request.setAttribute(STREAM, new LimitedStream(request.getInputStream(), limit));
            chain.doFilter(new BufferedBody(request, new byte[0]), response);
            return;
        }
        if (declared <= 0 && request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit + 1);
        if (body.length > limit) {
            tooLarge(response, limit);
            return;
        }
        request.setAttribute(RAW_BODY, body);
        chain.doFilter(new BufferedBody(request, body), response);
    }

    private void tooLarge(HttpServletResponse response, long limit) throws IOException {
        // The rest of the body is not read: the connection closes after the answer.
        response.setHeader("Connection", "close");
        problems.write(response, 413, "too-large", "Request too large", "the body is larger than " + limit + " bytes");
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(max, 8192));
        byte[] buf = new byte[8192];
        long total = 0;
        int n;
        while (total < max && (n = in.read(buf, 0, (int) Math.min(buf.length, max - total))) > 0) {
            out.write(buf, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    /** Thrown by a streamed body once more than its path's limit has been read. */
    public static final class TooLargeException extends IOException {
        private final long limit;

        TooLargeException(long limit) {
            super("the body is larger than " + limit + " bytes");
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    /** A body read as it arrives, refused one byte past the limit. */
    private static final class LimitedStream extends java.io.FilterInputStream {
        private final long limit;
        private long read;

        LimitedStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, (int) Math.min(len, limit + 1 - read));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws TooLargeException {
            read += n;
            if (read > limit) {
                throw new TooLargeException(limit);
            }
        }
    }

    /** The request with its body already read (within the limit). */
    private static final class BufferedBody extends HttpServletRequestWrapper {
        private final byte[] body;

        BufferedBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body is already read");
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            java.nio.charset.Charset charset;
            try {
                charset = java.nio.charset.Charset.forName(getCharacterEncoding());
            } catch (RuntimeException unknownOrMissing) {
                charset = java.nio.charset.StandardCharsets.UTF_8;
            }
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
