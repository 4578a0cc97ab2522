-- 005: the near-duplicate LSH index as a table (veille.stories.near_dup.match_batch),
-- so that an ingest keeps only its batch in memory, whatever the size of the store.
-- One row per LSH band of each stored signature (18 bands of 7 MinHash values):
-- key = the low 64 bits of the MD5 of the band's 56 little-endian bytes. Two
-- articles are candidates when they share the key of one band. No DuckDB index:
-- an ART index lives in memory (the growth this table removes) and would be
-- rebuilt at each batch's connection; a batch's lookup is one hash join on the
-- two narrow columns.

CREATE TABLE article_bands (
    article_id  VARCHAR NOT NULL,
    band        UTINYINT NOT NULL,
    band_key    UBIGINT NOT NULL
);

-- The signatures of a store written by an earlier version.
INSERT INTO article_bands
SELECT s.article_id, b.band, md5_number_lower(s.minhash[b.band * 56 + 1 : b.band * 56 + 56])
FROM article_signatures s, range(18) b(band)
WHERE octet_length(s.minhash) = 1024
ORDER BY s.rowid, b.band;
