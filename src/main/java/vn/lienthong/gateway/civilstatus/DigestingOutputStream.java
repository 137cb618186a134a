package vn.lienthong.gateway.civilstatus;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Passes bytes on while counting them and taking their SHA-256; refuses to pass the size limit. */
final class DigestingOutputStream extends FilterOutputStream {
    private final MessageDigest sha256;
    private final long limit;
    private long size;

    DigestingOutputStream(OutputStream out, long limit) {
        super(out);
        this.limit = limit;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (size + len > limit) {
            throw new FileStore.TooLargeException(limit);
        }
        out.write(b, off, len);
        sha256.update(b, off, len);
        size += len;
    }

    long size() {
        return size;
    }

    String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }
}
