-- The local copy of the national procedure catalogue (LayDanhSachTTHC, LayThuTuc, LayDanhMucLinhVuc,
-- LayDanhMucCoQuan), kept by the catalogue refresh (catalogue/CatalogueRefresh). Nothing here is ever
-- deleted: a procedure the portal no longer lists or publishes is marked withdrawn, so dossiers of old
-- codes keep their names. A procedure's row and its detail rows change together, in one transaction.
-- Portable SQL for H2 2.x and PostgreSQL.
CREATE TABLE catalogue_procedure (
    code              VARCHAR(60)      NOT NULL PRIMARY KEY, -- MATTHC as listed (an opaque string: bare or with agency suffix)
    name              VARCHAR(1000)    NOT NULL,             -- TENTTHC
    domain_code       VARCHAR(60),                           -- MALINHVUC of the first LINHVUCTHUCHIEN entry
    domain_name       VARCHAR(500),                          -- its TENLINHVUC
    publication       VARCHAR(20),                           -- TRANGTHAI as sent ("1": published)
    withdrawn         BOOLEAN          NOT NULL,
    withdrawn_reason  VARCHAR(300),                          -- why it is withdrawn (not listed, not published)
    withdrawn_at      TIMESTAMP WITH TIME ZONE,
    content_hash      VARCHAR(64),                           -- SHA-256 of the canonical LayThuTuc result; null until one was stored
    raw_json          VARCHAR(1048576),                      -- the LayThuTuc result object as the portal sent it
    first_seen_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL,     -- added, content changed, withdrawn or published again
    fetched_at        TIMESTAMP WITH TIME ZONE               -- the LayThuTuc answer now stored was received
);

-- THANHPHANHOSO[].GIAYTO[]: the documents a dossier of the procedure holds (TaiLieuNop[].MaThanhPhanHoSo).
CREATE TABLE catalogue_component (
    procedure_code    VARCHAR(60)      NOT NULL,
    seq               INT              NOT NULL,             -- order in the answer (cases in order, documents within)
    case_name         VARCHAR(2000),                         -- TRUONGHOP
    code              VARCHAR(100),                          -- MAGIAYTO
    name              VARCHAR(2000)    NOT NULL,             -- TENGIAYTO
    replacing_result  VARCHAR(100),                          -- MA_KQ_THAYTHE: a result code that may stand for it
    originals         INT,                                   -- SOBANCHINH
    copies            INT,                                   -- SOBANSAO
    form_name         VARCHAR(1000),                         -- TENMAUDON
    form_url          VARCHAR(2000),                         -- URL (or Url)
    PRIMARY KEY (procedure_code, seq)
);

-- KETQUATHUCHIEN[]: what the procedure issues (DanhSachGiayToKetQua[].MaGiayToKetQua).
CREATE TABLE catalogue_result (
    procedure_code    VARCHAR(60)      NOT NULL,
    seq               INT              NOT NULL,
    code              VARCHAR(100),                          -- MAKETQUA
    name              VARCHAR(2000)    NOT NULL,             -- TENKETQUA
    file_name         VARCHAR(1000),                         -- TENTEP
    url               VARCHAR(2000),
    PRIMARY KEY (procedure_code, seq)
);

-- CACHTHUCTHUCHIEN[].THOIGIAN[]: processing time per channel (KENH 1 in person, 2 online, 3 post).
CREATE TABLE catalogue_processing (
    procedure_code    VARCHAR(60)      NOT NULL,
    seq               INT              NOT NULL,
    channel           INT,                                   -- KENH
    duration          DECIMAL(12, 2),                        -- THOIGIANGIAIQUYET
    unit              VARCHAR(200),                          -- DONVITINH (free text, e.g. "Ngày làm việc")
    description       VARCHAR(4000),                         -- MOTA
    PRIMARY KEY (procedure_code, seq)
);

-- CACHTHUCTHUCHIEN[].THOIGIAN[].PHILEPHI[]: fees and charges of a channel's processing time.
CREATE TABLE catalogue_fee (
    procedure_code    VARCHAR(60)      NOT NULL,
    seq               INT              NOT NULL,
    processing_seq    INT              NOT NULL,             -- catalogue_processing.seq it belongs to
    code              VARCHAR(100),                          -- MAPHILEPHI
    amount            DECIMAL(18, 2),                        -- SOTIEN (đồng)
    unit              VARCHAR(200),                          -- DONVI
    description       VARCHAR(4000),                         -- MOTA
    PRIMARY KEY (procedure_code, seq)
);

-- LayDanhMucLinhVuc: the domains (lĩnh vực). Never deleted; listed = in the latest answer.
CREATE TABLE catalogue_domain (
    code              VARCHAR(60)      NOT NULL PRIMARY KEY, -- MALINHVUC
    name              VARCHAR(500)     NOT NULL,             -- TENLINHVUC
    sector            VARCHAR(60),                           -- MANGANH
    listed            BOOLEAN          NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- LayDanhMucCoQuan: the agencies. Never deleted; listed = in the latest answer.
CREATE TABLE catalogue_agency (
    code              VARCHAR(60)      NOT NULL PRIMARY KEY, -- MADONVI (000.00.12.H47)
    name              VARCHAR(500)     NOT NULL,             -- TENDONVI
    agency_level      INT,                                   -- CAPDONVI
    listed            BOOLEAN          NOT NULL,
    changed_at        TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per refresh that got as far as asking the portal: what it found and changed (GET /admin/catalogue).
CREATE TABLE catalogue_refresh (
    id                BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    triggered_by      VARCHAR(20)      NOT NULL,             -- SCHEDULE, ADMIN, JMX
    instance          VARCHAR(200)     NOT NULL,             -- the gateway instance that ran it
    started_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at       TIMESTAMP WITH TIME ZONE,              -- null while running (or when its instance died)
    outcome           VARCHAR(20),                           -- OK, PARTIAL (some procedures kept their previous copy), FAILED (nothing changed)
    listed            INT,
    added             INT,
    changed           INT,
    withdrawn         INT,
    unchanged         INT,
    failed            INT,                                   -- LayThuTuc answers malformed, empty or refused
    calls             INT,                                   -- portal calls made
    report            VARCHAR(262144),                       -- JSON: the codes of each change and failure
    error             VARCHAR(1000)
);

-- The last refresh, and the last one that got the list (the catalogue's age).
CREATE INDEX ix_catalogue_refresh_outcome ON catalogue_refresh (outcome, id);
-- Which procedures name a component or result code (a document code seen in an event).
CREATE INDEX ix_catalogue_component_code ON catalogue_component (code);
CREATE INDEX ix_catalogue_result_code ON catalogue_result (code);
