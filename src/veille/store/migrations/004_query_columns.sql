-- 004: columns written at ingest so that queries read one table, with no join and
-- no JSON or regular expression at query time (docs/store.md, "Query speed").
--   cluster_id, published_date, source, title: copied from the article row
--     (an article's cluster is fixed when it is written; a replaced article is rewritten);
--   n_articles, n_sources: the counting rule's figures (the item and its copies),
--     kept up to date by the writer when copies are linked or unlinked;
--   date_first, date_last: the days the item's date covers ('YYYY-MM-DD' strings,
--     the item's own date, else the article's), for --from/--to;
--   names: the event's actors, recipients and place between \x1f separators, so
--     that "does this event involve X" is one substring test.

ALTER TABLE events ADD COLUMN cluster_id VARCHAR;
ALTER TABLE events ADD COLUMN published_date DATE;
ALTER TABLE events ADD COLUMN source VARCHAR;
ALTER TABLE events ADD COLUMN n_articles INTEGER;
ALTER TABLE events ADD COLUMN n_sources INTEGER;
ALTER TABLE events ADD COLUMN date_first VARCHAR;
ALTER TABLE events ADD COLUMN date_last VARCHAR;
ALTER TABLE events ADD COLUMN names VARCHAR;

ALTER TABLE quotes ADD COLUMN cluster_id VARCHAR;
ALTER TABLE quotes ADD COLUMN published_date DATE;
ALTER TABLE quotes ADD COLUMN title VARCHAR;
ALTER TABLE quotes ADD COLUMN n_articles INTEGER;
ALTER TABLE quotes ADD COLUMN date_first VARCHAR;
ALTER TABLE quotes ADD COLUMN date_last VARCHAR;
ALTER TABLE quotes ADD COLUMN speaker_key VARCHAR;    -- the description, lower case, no accents

ALTER TABLE entities ADD COLUMN cluster_id VARCHAR;
ALTER TABLE entities ADD COLUMN published VARCHAR;
ALTER TABLE entities ADD COLUMN date_first VARCHAR;
ALTER TABLE entities ADD COLUMN date_last VARCHAR;

UPDATE events SET cluster_id = a.cluster_id, published_date = a.published_date, source = a.source
FROM articles a WHERE a.id = events.article_id;
UPDATE quotes SET cluster_id = a.cluster_id, published_date = a.published_date, title = a.title
FROM articles a WHERE a.id = quotes.article_id;
UPDATE entities SET cluster_id = a.cluster_id, published = a.published
FROM articles a WHERE a.id = entities.article_id;

UPDATE quotes SET speaker_key = lower(strip_accents(speaker_description));
UPDATE events SET names = chr(31) || array_to_string(list_concat(actors, recipients, [place]), chr(31)) || chr(31);

-- The bounds, as queries computed them before (a month ends on its '-31', which
-- compares right with any day of it).
CREATE MACRO veille_first(c) AS CASE
    WHEN regexp_full_match(left(c, 10), '\d{4}-\d{2}-\d{2}') THEN left(c, 10)
    WHEN regexp_full_match(left(c, 7), '\d{4}-\d{2}') AND NOT regexp_matches(c, '^\d{4}-\d{2}-') THEN left(c, 7) || '-01'
    WHEN regexp_matches(c, '^\d{4}') THEN left(c, 4) || '-01-01' END;
CREATE MACRO veille_last(c) AS CASE
    WHEN regexp_full_match(left(c, 10), '\d{4}-\d{2}-\d{2}') THEN left(c, 10)
    WHEN regexp_full_match(left(c, 7), '\d{4}-\d{2}') AND NOT regexp_matches(c, '^\d{4}-\d{2}-') THEN left(c, 7) || '-31'
    WHEN regexp_matches(c, '^\d{4}') THEN left(c, 4) || '-12-31' END;
UPDATE events SET date_first = veille_first(coalesce(date, CAST(published_date AS VARCHAR))),
                  date_last = veille_last(coalesce(date, CAST(published_date AS VARCHAR)));
UPDATE quotes SET date_first = veille_first(coalesce(date, CAST(published_date AS VARCHAR))),
                  date_last = veille_last(coalesce(date, CAST(published_date AS VARCHAR)));
UPDATE entities SET date_first = veille_first(published), date_last = veille_last(published);
DROP MACRO veille_first;
DROP MACRO veille_last;

UPDATE events SET n_articles = 1 + coalesce(c.n, 0),
                  n_sources = len(list_distinct(list_filter(list_concat([events.source], coalesce(c.sources, [])),
                                                            lambda x: x IS NOT NULL)))
FROM (SELECT o.article_id, o.idx, count(ce.article_id) AS n, list(ce.source) AS sources
      FROM events o LEFT JOIN events ce ON ce.copy_of_article = o.article_id AND ce.copy_of_idx = o.idx
      GROUP BY o.article_id, o.idx) c
WHERE c.article_id = events.article_id AND c.idx = events.idx;
UPDATE quotes SET n_articles = 1 + coalesce(c.n, 0)
FROM (SELECT o.article_id, o.idx, count(ce.article_id) AS n
      FROM quotes o LEFT JOIN quotes ce ON ce.copy_of_article = o.article_id AND ce.copy_of_idx = o.idx
      GROUP BY o.article_id, o.idx) c
WHERE c.article_id = quotes.article_id AND c.idx = quotes.idx;

-- The views keep their columns; they are now a filter on one table.
DROP VIEW events_dedup;
DROP VIEW quotes_dedup;
CREATE VIEW events_dedup AS SELECT * FROM events WHERE copy_of_article IS NULL;
CREATE VIEW quotes_dedup AS SELECT * FROM quotes WHERE copy_of_article IS NULL;
