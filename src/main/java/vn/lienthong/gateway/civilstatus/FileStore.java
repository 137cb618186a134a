package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Where the files of taken-in dossiers live, outside the outbox: on disk or in database chunks. A file is written as
 * a stream (never whole in memory) and durable when {@link Writer#finish} returns; its metadata row is written by the
 * same call, unattached until its dossier's transaction claims it.
 */
public interface FileStore {

    /** The storage name kept in civil_status_file.storage. */
    String name();

    /** Starts a new file of at most {@code limit} bytes; write them to {@link Writer#out()}, then finish or abandon it. */
    Writer create(int seqNo, String kind, long limit) throws IOException;

    /** The content of a stored file, read a piece at a time. */
    InputStream open(String id) throws IOException;

    /** Removes files (content and row) that belong to no stored dossier: refused ones, or left by a crash. */
    void delete(List<String> ids);

    /** One file being written. */
    interface Writer extends AutoCloseable {
        /** Counts, checksums and stores what is written; fails once the file passes the size limit. */
        OutputStream out();

        /** Makes the file durable and records it (unattached) under this name and title. */
        StoredFile finish(String name, String title) throws IOException;

        /** Throws away what was written (the dossier is refused or the stream broke). */
        @Override
        void close();
    }

    /** The file passed its size limit while being written. */
    final class TooLargeException extends IOException {
        public TooLargeException(long limit) {
            super("larger than " + limit + " bytes");
        }
    }
}
