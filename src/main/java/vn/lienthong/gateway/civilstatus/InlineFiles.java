package vn.lienthong.gateway.civilstatus;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * The files of one dossier as they are decoded from Base64 inside its JSON, straight into the file store. Until the
 * dossier is stored they belong to nobody: {@link #discard} removes them when it is refused or the stream breaks.
 */
final class InlineFiles {
    private final FileStore store;
    private final int maxFiles;
    private final long maxFileSize;
    private final List<StoredFile> stored = new ArrayList<>();
    private int skipped;
    private int created;

    InlineFiles(FileStore store, CivilStatusProperties.Files limits) {
        this.store = store;
        this.maxFiles = limits.getMaxFiles();
        this.maxFileSize = limits.getMaxFileSize().toBytes();
    }

    /** An open writer of the file whose Base64 string the parser is on; the caller finishes or closes it. */
    FileStore.Writer decode(JsonParser p, String kind, String label) throws IOException, RefusedDossierException {
        if (created >= maxFiles) {
            throw new RefusedDossierException("more than " + maxFiles + " files (gateway.civil-status.files.max-files)");
        }
        FileStore.Writer w = store.create(++created, kind, maxFileSize);
        try {
            p.readBinaryValue(StrictJson.BASE64, w.out());
            return w;
        } catch (FileStore.TooLargeException e) {
            w.close();
            throw new RefusedDossierException(label + " is " + e.getMessage() + " (gateway.civil-status.files.max-file-size)");
        } catch (JsonProcessingException e) {
            w.close();
            throw new RefusedDossierException(label + ": the content is not valid Base64" + StrictJson.at(e.getLocation()));
        } catch (IllegalArgumentException e) {
            w.close();
            throw new RefusedDossierException(label + ": the content is not valid Base64" + StrictJson.at(p.currentLocation()));
        } catch (IOException | RuntimeException e) {
            w.close();
            throw e;
        }
    }

    /** Keeps a decoded file under its name, or skips it when it has no content (as production does). */
    void keep(FileStore.Writer w, String name, String title, String label) throws IOException, RefusedDossierException {
        String refusal = FileNames.refusal(name);
        if (refusal != null) {
            w.close();
            throw new RefusedDossierException(label + " " + refusal);
        }
        StoredFile f = w.finish(name, title);
        if (f.size() == 0) {
            store.delete(List.of(f.id()));
            skipped++;
            return;
        }
        stored.add(f);
    }

    /** A file entry without content: skipped, as production skips a file without name or content. */
    void skip() {
        skipped++;
    }

    /** The kept files in the order they came in the body. */
    List<StoredFile> stored() {
        return stored.stream().sorted(java.util.Comparator.comparingInt(StoredFile::seqNo)).toList();
    }

    int skipped() {
        return skipped;
    }

    /** Removes every file decoded so far (they belong to no stored dossier). */
    void discard() {
        store.delete(stored.stream().map(StoredFile::id).toList());
        stored.clear();
    }
}
