package vn.lienthong.gateway.catalogue;

import java.time.Instant;

/**
 * A refresh as the catalogue_refresh table keeps it ({@code finishedAt} null while it runs or when its instance
 * died); {@code report} is the JSON of the codes each change and failure concerned.
 */
public record RefreshRecord(long id, String triggeredBy, String instance, Instant startedAt, Instant finishedAt,
                            String outcome, int listed, int added, int changed, int withdrawn, int unchanged, int failed,
                            int calls, String report, String error) {
}
