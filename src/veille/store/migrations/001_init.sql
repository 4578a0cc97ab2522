-- 001: the normalized record tables, near-duplicate links and rejections.
-- No PRIMARY KEY constraints: the writer enforces "one article id, one set of
-- rows" by deleting an article's rows before inserting them, in one transaction
-- per batch; DuckDB's index checks would only slow bulk inserts down.

CREATE TABLE articles (
    id              VARCHAR NOT NULL,
    content_hash    VARCHAR NOT NULL,
    published       VARCHAR,            -- as recorded (ISO date, or null when unknown)
    published_date  DATE,               -- the same, typed, when it is a full date
    published_how   VARCHAR,
    source          VARCHAR,
    title           VARCHAR,
    url             VARCHAR,
    language        VARCHAR,
    text            VARCHAR,
    n_words         INTEGER,
    n_entities      INTEGER,
    n_quotes        INTEGER,
    n_times         INTEGER,
    n_events        INTEGER,
    warnings        VARCHAR[],
    cluster_id      VARCHAR,            -- near-duplicate cluster: id of its first stored article
    schema_version  VARCHAR,
    ingested_at     TIMESTAMP,
    record          JSON                -- the whole record, so that no field is ever lost
                                        -- (quotes, times, events rows also keep their item in `data`)
);

CREATE TABLE entities (
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,       -- position in record.entities
    entity_id   VARCHAR,                -- QID when linked, else a document-local id
    name        VARCHAR,
    name_key    VARCHAR,                -- name lower-cased, accents removed (for lookups)
    type        VARCHAR,
    linked      BOOLEAN,
    label_fr    VARCHAR,
    label_key   VARCHAR,
    country     VARCHAR,
    lat         DOUBLE,
    lon         DOUBLE,
    n_mentions  INTEGER,
    roles       JSON                    -- list of {title, organization, mention}
    -- the whole entity, with any field added later, is in articles.record
);

CREATE TABLE mentions (
    article_id  VARCHAR NOT NULL,
    entity_idx  INTEGER NOT NULL,
    entity_id   VARCHAR,
    start       INTEGER,
    "end"       INTEGER,
    text        VARCHAR,
    text_key    VARCHAR,
    label       VARCHAR
);

CREATE TABLE quotes (
    article_id          VARCHAR NOT NULL,
    idx                 INTEGER NOT NULL,
    kind                VARCHAR,
    content_start       INTEGER,
    content_end         INTEGER,
    content             VARCHAR,
    cue                 VARCHAR,
    speaker_entity      VARCHAR,
    speaker_name        VARCHAR,
    speaker_description VARCHAR,
    speaker_start       INTEGER,
    speaker_end         INTEGER,
    speaker_text        VARCHAR,
    via                 VARCHAR[],
    channel             VARCHAR,
    place               VARCHAR,
    date                VARCHAR,
    stance              VARCHAR,
    same_as             INTEGER,
    qkey                VARCHAR,        -- hash of (speaker name, content): see events.ekey
    occurrence          INTEGER,
    copy_of_article     VARCHAR,
    copy_of_idx         INTEGER,
    data                JSON
);

CREATE TABLE times (
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,
    start       INTEGER,
    "end"       INTEGER,
    text        VARCHAR,
    type        VARCHAR,
    value       VARCHAR,
    mod         VARCHAR,
    anchored    BOOLEAN,
    data        JSON
);

CREATE TABLE events (
    article_id      VARCHAR NOT NULL,
    idx             INTEGER NOT NULL,
    type            VARCHAR,
    mode            VARCHAR,
    actors          VARCHAR[],
    recipients      VARCHAR[],
    place           VARCHAR,
    lat             DOUBLE,
    lon             DOUBLE,
    date            VARCHAR,
    modality        VARCHAR,
    reported_by     VARCHAR[],
    disputed_by     VARCHAR[],
    confirmed_by    VARCHAR[],
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    evidence        VARCHAR,
    trigger         VARCHAR,
    confidence      DOUBLE,
    cameo           VARCHAR,
    quad_class      INTEGER,
    -- Near-duplicate counting (docs/store.md): ekey hashes (type, modality, sorted
    -- actors, sorted recipients, place, date); occurrence ranks the events of one
    -- key in the article; copy_of_* names the same event in an earlier article of
    -- the cluster when this article is a republished copy (null: counted).
    ekey            VARCHAR,
    occurrence      INTEGER,
    copy_of_article VARCHAR,
    copy_of_idx     INTEGER,
    data            JSON
);

-- MinHash signature of each stored article (little-endian uint64 values), so
-- that a later run can find near-duplicates of new articles without re-reading texts.
CREATE TABLE article_signatures (
    article_id  VARCHAR NOT NULL,
    minhash     BLOB
);

-- article_id was found to be a near-duplicate of duplicate_of (stored earlier).
CREATE TABLE duplicates (
    article_id    VARCHAR NOT NULL,
    duplicate_of  VARCHAR NOT NULL,
    similarity    DOUBLE               -- estimated Jaccard similarity of word 3-shingles
);

-- Inputs (or lines) the last run that met them could not read or analyse, with the reason.
CREATE TABLE rejections (
    origin       VARCHAR,
    reason       VARCHAR,
    rejected_at  TIMESTAMP
);
