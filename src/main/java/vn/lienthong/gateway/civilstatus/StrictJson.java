package vn.lienthong.gateway.civilstatus;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;

/** Streaming JSON of the files that come inline: strict parsers, strict UTF-8, a byte limit, Base64 as Java reads it. */
final class StrictJson {
    /** Standard alphabet, no line breaks expected, padding optional (as Java's basic decoder, which production uses). */
    static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS.withPaddingAllowed();

    private StrictJson() {
    }

    /** A parser factory refusing duplicate keys, deep nesting and any string longer than {@code maxString} chars. */
    static JsonFactory factory(long maxString) {
        return JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxNumberLength(30)
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, maxString)).build())
                .build();
    }

    /** Characters of a UTF-8 body; a malformed byte sequence fails the read instead of becoming U+FFFD. */
    static Reader utf8(InputStream in) {
        return new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : " (line " + l.getLineNr() + ", column " + l.getColumnNr() + ")";
    }

    /** Fails once more than {@code limit} bytes were read. */
    static final class LimitedInput extends FilterInputStream {
        /** The body passed its limit. */
        static final class TooLargeException extends IOException {
            TooLargeException(long limit) {
                super("larger than " + limit + " bytes");
            }
        }

        private final long limit;
        private long read;

        LimitedInput(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++read > limit) {
                throw new TooLargeException(limit);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (read += n) > limit) {
                throw new TooLargeException(limit);
            }
            return n;
        }
    }
}
