package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads the content of a JSON string value as characters, un-escaping as it goes, from a reader positioned just after
 * the opening quote; ends at the closing quote. The dossier detail carries its JSON text inside such a string, with
 * megabytes of Base64 in it: this lets a second parser read that text as a stream instead of holding it whole.
 * {@link #rest()} reads on after the closing quote.
 */
final class JsonStringReader extends Reader {
    /** The string is not valid JSON (a control character, a bad escape, no closing quote). */
    static final class MalformedException extends IOException {
        MalformedException(String message) {
            super(message);
        }
    }

    private final Reader in;
    private final char[] buf;
    private int pos;
    private int end;
    private boolean closed;

    /** {@code buffered}: characters already read from {@code in} by whoever found the string, to be read first. */
    JsonStringReader(String buffered, Reader in) {
        this.in = in;
        this.buf = new char[Math.max(16 * 1024, buffered.length())];
        buffered.getChars(0, buffered.length(), buf, 0);
        this.end = buffered.length();
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (closed) {
            return -1;
        }
        int n = 0;
        while (n < len) {
            if (pos >= end) {
                if (n > 0) {
                    return n;
                }
                if (!fill()) {
                    throw new MalformedException("the text ends inside a string");
                }
            }
            char c = buf[pos];
            if (c == '"') {
                pos++;
                closed = true;
                return n == 0 ? -1 : n;
            }
            if (c == '\\') {
                pos++;
                cbuf[off + n++] = unescape();
            } else if (c < 0x20) {
                throw new MalformedException("a control character inside a string");
            } else {
                cbuf[off + n++] = c;
                pos++;
            }
        }
        return n;
    }

    private char unescape() throws IOException {
        char e = next();
        return switch (e) {
            case '"', '\\', '/' -> e;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> {
                int v = 0;
                for (int i = 0; i < 4; i++) {
                    int d = Character.digit(next(), 16);
                    if (d < 0) {
                        throw new MalformedException("a bad \\u escape inside a string");
                    }
                    v = v * 16 + d;
                }
                yield (char) v;
            }
            default -> throw new MalformedException("a bad escape inside a string");
        };
    }

    private char next() throws IOException {
        if (pos >= end && !fill()) {
            throw new MalformedException("the text ends inside a string");
        }
        return buf[pos++];
    }

    private boolean fill() throws IOException {
        int n = in.read(buf, 0, buf.length);
        pos = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    /** Whether the closing quote has been read. */
    boolean ended() {
        return closed;
    }

    /** The characters after the closing quote. */
    Reader rest() {
        String left = new String(buf, pos, end - pos);
        pos = end;
        return new SequenceReader(new java.io.StringReader(left), in);
    }

    @Override
    public void close() {
        // the underlying reader belongs to the caller
    }
}
