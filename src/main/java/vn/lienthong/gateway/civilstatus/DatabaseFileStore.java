package vn.lienthong.gateway.civilstatus;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Files in the database (PostgreSQL, shared by every instance): chunks of {@value #CHUNK} bytes in
 * civil_status_file_chunk, each written as it fills and read one at a time, so no file is ever whole in memory.
 * A file's chunks and its row are one transaction: a crash mid-write leaves nothing.
 */
public class DatabaseFileStore implements FileStore {
    public static final String NAME = "DATABASE";
    static final int CHUNK = 256 * 1024;

    private final DataSource dataSource;
    private final NamedParameterJdbcTemplate jdbc;
    private final FileCatalog catalog;

    public DatabaseFileStore(DataSource dataSource, FileCatalog catalog) {
        this.dataSource = dataSource;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Writer create(int seqNo, String kind, long limit) throws IOException {
        String id = UUID.randomUUID().toString();
        Connection con;
        PreparedStatement insert;
        try {
            con = dataSource.getConnection();
            con.setAutoCommit(false);
            insert = con.prepareStatement("INSERT INTO civil_status_file_chunk (file_id, seq, data) VALUES (?, ?, ?)");
        } catch (SQLException e) {
            throw new IOException("cannot store a file in the database: " + e.getMessage(), e);
        }
        ChunkOutputStream chunks = new ChunkOutputStream(id, insert);
        DigestingOutputStream out = new DigestingOutputStream(chunks, limit);
        return new Writer() {
            private boolean done;

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public StoredFile finish(String name, String title) throws IOException {
                chunks.flushChunk();
                StoredFile f = new StoredFile(id, seqNo, kind, name, title, FileNames.mediaType(name), out.size(), out.sha256(), NAME);
                try (PreparedStatement row = con.prepareStatement("INSERT INTO civil_status_file (id, seq_no, kind, name, title,"
                        + " media_type, size_bytes, sha256, storage, created_at) VALUES (?,?,?,?,?,?,?,?,?, CURRENT_TIMESTAMP)")) {
                    row.setString(1, id);
                    row.setInt(2, seqNo);
                    row.setString(3, kind);
                    row.setString(4, name);
                    row.setString(5, title);
                    row.setString(6, f.mediaType());
                    row.setLong(7, f.size());
                    row.setString(8, f.sha256());
                    row.setString(9, NAME);
                    row.executeUpdate();
                    con.commit();
                } catch (SQLException e) {
                    throw new IOException("cannot store a file in the database: " + e.getMessage(), e);
                }
                done = true;
                return f;
            }

            @Override
            public void close() {
                try {
                    if (!done) {
                        con.rollback();
                    }
                    insert.close();
                    con.setAutoCommit(true);
                    con.close();
                } catch (SQLException ignored) {
                    // the pool discards a broken connection
                }
            }
        };
    }

    @Override
    public InputStream open(String id) {
        return new InputStream() {
            private byte[] chunk = new byte[0];
            private int pos;
            private int seq;
            private boolean end;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                while (pos >= chunk.length) {
                    if (end) {
                        return -1;
                    }
                    List<byte[]> next = jdbc.query("SELECT data FROM civil_status_file_chunk WHERE file_id = :id AND seq = :seq",
                            Map.of("id", id, "seq", seq++), (rs, n) -> rs.getBytes(1));
                    if (next.isEmpty()) {
                        end = true;
                        return -1;
                    }
                    chunk = next.get(0);
                    pos = 0;
                }
                int n = Math.min(len, chunk.length - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }

    @Override
    public void delete(List<String> ids) {
        if (!ids.isEmpty()) {
            catalog.deleteRows(ids);
            jdbc.update("DELETE FROM civil_status_file_chunk WHERE file_id IN (:ids) AND file_id NOT IN"
                    + " (SELECT id FROM civil_status_file)", Map.of("ids", ids));
        }
    }

    /** Removes files left unattached longer than {@code age} (a refused dossier, or a crash between file and dossier). */
    public int sweep(Duration age) {
        List<String> orphans = catalog.orphans(NAME, age);
        delete(orphans);
        return orphans.size();
    }

    /** Writes a chunk row each time {@value #CHUNK} bytes have come. */
    private static final class ChunkOutputStream extends OutputStream {
        private final String id;
        private final PreparedStatement insert;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(CHUNK);
        private int seq;

        ChunkOutputStream(String id, PreparedStatement insert) {
            this.id = id;
            this.insert = insert;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, CHUNK - buffer.size());
                buffer.write(b, off, n);
                off += n;
                len -= n;
                if (buffer.size() == CHUNK) {
                    flushChunk();
                }
            }
        }

        void flushChunk() throws IOException {
            if (buffer.size() == 0) {
                return;
            }
            try {
                insert.setString(1, id);
                insert.setInt(2, seq++);
                insert.setBytes(3, buffer.toByteArray());
                insert.executeUpdate();
            } catch (SQLException e) {
                throw new IOException("cannot store a file in the database: " + e.getMessage(), e);
            }
            buffer.reset();
        }
    }
}
