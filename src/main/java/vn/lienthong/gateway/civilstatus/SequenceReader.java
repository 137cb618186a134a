package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.Reader;

/** One reader after another. */
final class SequenceReader extends Reader {
    private final Reader first;
    private final Reader second;
    private boolean firstDone;

    SequenceReader(Reader first, Reader second) {
        this.first = first;
        this.second = second;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (!firstDone) {
            int n = first.read(cbuf, off, len);
            if (n > 0) {
                return n;
            }
            firstDone = true;
        }
        return second.read(cbuf, off, len);
    }

    @Override
    public void close() throws IOException {
        second.close();
    }
}
