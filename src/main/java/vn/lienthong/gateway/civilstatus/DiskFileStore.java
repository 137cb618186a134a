package vn.lienthong.gateway.civilstatus;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in a folder of the local disk (the embedded default): each written to {@code <id>.part}, forced to the
 * device, renamed to {@code <id>} and the folder forced, so a file that has a row survives a crash whole. A crash
 * mid-write leaves a {@code .part} file or a file without a row: {@link #sweep} removes them once old.
 */
public class DiskFileStore implements FileStore {
    private static final Logger log = LoggerFactory.getLogger(DiskFileStore.class);
    public static final String NAME = "DISK";

    private final Path folder;
    private final FileCatalog catalog;
    private final Clock clock;

    public DiskFileStore(Path folder, FileCatalog catalog, Clock clock) {
        this.folder = folder;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Writer create(int seqNo, String kind, long limit) throws IOException {
        String id = UUID.randomUUID().toString();
        Files.createDirectories(folder);
        Path part = folder.resolve(id + ".part");
        FileOutputStream file = new FileOutputStream(part.toFile());
        DigestingOutputStream out = new DigestingOutputStream(new BufferedOutputStream(file, 64 * 1024), limit);
        return new Writer() {
            private boolean done;

            @Override
            public OutputStream out() {
                return out;
            }

            @Override
            public StoredFile finish(String name, String title) throws IOException {
                out.flush();
                file.getChannel().force(true);
                out.close();
                Files.move(part, folder.resolve(id), StandardCopyOption.ATOMIC_MOVE);
                forceFolder();
                StoredFile f = new StoredFile(id, seqNo, kind, name, title, FileNames.mediaType(name), out.size(), out.sha256(), NAME);
                catalog.insert(f);
                done = true;
                return f;
            }

            @Override
            public void close() {
                if (!done) {
                    try {
                        out.close();
                    } catch (IOException ignored) {
                        // deleted next
                    }
                    deleteQuietly(part);
                    deleteQuietly(folder.resolve(id));
                }
            }
        };
    }

    @Override
    public InputStream open(String id) throws IOException {
        return Files.newInputStream(folder.resolve(FileNames.requireId(id)));
    }

    @Override
    public void delete(List<String> ids) {
        catalog.deleteRows(ids);
        ids.forEach(id -> deleteQuietly(folder.resolve(FileNames.requireId(id))));
    }

    /** Removes unattached files older than {@code age}: rows and contents, and contents that never got a row. */
    public int sweep(Duration age) {
        List<String> orphans = catalog.orphans(NAME, age);
        delete(orphans);
        int removed = orphans.size();
        long before = clock.millis() - age.toMillis();
        if (!Files.isDirectory(folder)) {
            return removed;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
            for (Path p : files) {
                String n = p.getFileName().toString();
                String id = n.endsWith(".part") ? n.substring(0, n.length() - 5) : n;
                if (Files.getLastModifiedTime(p).toMillis() < before && (n.endsWith(".part") || !catalog.exists(id))) {
                    deleteQuietly(p);
                    removed++;
                }
            }
        } catch (IOException e) {
            log.warn("could not sweep the civil-status file folder: {}", e.toString());
        }
        return removed;
    }

    private void forceFolder() {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException unsupported) {
            log.debug("folder not forced: {}", unsupported.toString());
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            log.warn("could not delete {}: {}", p.getFileName(), e.toString());
        }
    }
}
