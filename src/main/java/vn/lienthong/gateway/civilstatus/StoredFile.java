package vn.lienthong.gateway.civilstatus;

/** A file taken in and stored whole: where it is, what it is, and the checksum of its decoded bytes. */
public record StoredFile(String id, int seqNo, String kind, String name, String title, String mediaType, long size,
                         String sha256, String storage) {
}
