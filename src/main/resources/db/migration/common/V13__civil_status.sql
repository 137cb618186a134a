-- Dossiers taken in from the linked civil-status service (birth, death) and from the portal's push with files
-- inline, and their files. A dossier row exists once the dossier is wholly stored: its files attached, its
-- one-stop event committed in the same transaction. Files are written first (each durable on its own) and
-- attached by that transaction; a file left unattached by a crash or a refused dossier is swept after
-- gateway.civil-status.files.orphan-age. Portable SQL for H2 2.x and PostgreSQL.
CREATE TABLE civil_status_dossier (
    portal_code      VARCHAR(100) NOT NULL PRIMARY KEY, -- maHoSo / MaHoSo: the portal's code, the dossier's identity
    source           VARCHAR(20)  NOT NULL,             -- civil-status (polled) or portal-push
    module           VARCHAR(10),                       -- KS birth, KT death; null for a pushed dossier
    procedure_code   VARCHAR(60)  NOT NULL,             -- maTTHC / MaTTHC as received
    unit_code        VARCHAR(10),                       -- maDonVi as received
    agency_code      VARCHAR(60)  NOT NULL,             -- the one-stop system's receiving agency
    service_id       VARCHAR(100),                      -- the service's id of the dossier (detail path)
    received_at      VARCHAR(40),                       -- ngayTiepNhan as received
    stored_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    acknowledged_at  TIMESTAMP WITH TIME ZONE            -- CapNhatDaNhanHoSo answered success (last time)
);

CREATE TABLE civil_status_file (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,     -- random UUID: the file's link names it
    portal_code  VARCHAR(100),                          -- null until its dossier is stored
    seq_no       INT          NOT NULL,                 -- order within the dossier
    kind         VARCHAR(20)  NOT NULL,                 -- ATTACHMENT, FORM, CERTIFICATE
    name         VARCHAR(255) NOT NULL,                 -- file name as received (checked: no path, no control characters)
    title        VARCHAR(500),                          -- tenGiayTo: the document it is
    media_type   VARCHAR(100) NOT NULL,                 -- guessed from the name
    size_bytes   BIGINT       NOT NULL,
    sha256       VARCHAR(64)  NOT NULL,                 -- hex, of the decoded bytes
    storage      VARCHAR(10)  NOT NULL,                 -- DISK (gateway.civil-status.files.folder) or DATABASE (chunks)
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_civil_status_file_dossier ON civil_status_file (portal_code, seq_no);
CREATE INDEX ix_civil_status_file_created ON civil_status_file (created_at);

-- File contents in the database (PostgreSQL): 256 KB a row, read and written a chunk at a time, never whole.
CREATE TABLE civil_status_file_chunk (
    file_id  VARCHAR(36) NOT NULL,
    seq      INT         NOT NULL,
    data     BYTEA       NOT NULL,
    PRIMARY KEY (file_id, seq)
);
