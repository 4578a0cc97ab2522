-- 002: views that count a republished wire copy once.
-- Rule (docs/store.md): events whose copy_of_article is set were found, at
-- ingest, in an earlier article of the same near-duplicate cluster with the same
-- key (ekey) and rank (occurrence): they are not counted again. Each counted
-- event carries n_articles (itself plus its copies) and n_sources (distinct
-- sources among them). Quotes likewise (qkey: speaker name and content).

CREATE VIEW events_dedup AS
SELECT e.*, a.cluster_id, a.published_date, a.source,
       1 + coalesce(c.n_copies, 0) AS n_articles,
       len(list_distinct(list_filter(list_concat([a.source], coalesce(c.sources, [])), lambda x: x IS NOT NULL)))
           AS n_sources
FROM events e
JOIN articles a ON a.id = e.article_id
LEFT JOIN (
    SELECT ce.copy_of_article, ce.copy_of_idx, count(*) AS n_copies, list(ca.source) AS sources
    FROM events ce JOIN articles ca ON ca.id = ce.article_id
    WHERE ce.copy_of_article IS NOT NULL
    GROUP BY ce.copy_of_article, ce.copy_of_idx
) c ON c.copy_of_article = e.article_id AND c.copy_of_idx = e.idx
WHERE e.copy_of_article IS NULL;

CREATE VIEW quotes_dedup AS
SELECT q.*, a.cluster_id, a.published_date, a.title,
       1 + coalesce(c.n_copies, 0) AS n_articles
FROM quotes q
JOIN articles a ON a.id = q.article_id
LEFT JOIN (
    SELECT copy_of_article, copy_of_idx, count(*) AS n_copies
    FROM quotes WHERE copy_of_article IS NOT NULL
    GROUP BY copy_of_article, copy_of_idx
) c ON c.copy_of_article = q.article_id AND c.copy_of_idx = q.idx
WHERE q.copy_of_article IS NULL;
