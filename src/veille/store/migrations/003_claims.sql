-- 003: cross-article claims (veille.stories.claims; docs/store.md, "Claims").
-- A claim groups events of the same type, with overlapping participants, compatible
-- dates and places, found in several articles; claim_events lists its events with
-- their stance (supports, disputes, neutral). Claims are recomputed at the end of
-- each ingest for the groups of events the new or replaced articles touch.

CREATE TABLE claims (
    claim_id         VARCHAR NOT NULL,   -- hash of its (article_id, idx) members
    type             VARCHAR,
    mode             VARCHAR,
    actors           VARCHAR[],
    recipients       VARCHAR[],
    place            VARCHAR,
    date             VARCHAR,            -- the most precise date its events give
    modalities       VARCHAR[],          -- as seen, in order of publication
    contested        BOOLEAN,            -- supported and disputed, or some source disputes it
    n_events         INTEGER,
    n_articles       INTEGER,            -- articles, a near-duplicate cluster counted once
    articles         VARCHAR[],          -- every article id (copies included)
    sources          VARCHAR[],          -- outlets of those articles
    reported_by      VARCHAR[],          -- who supports it: first link of each reporting chain, outlets
    disputed_by      VARCHAR[],          -- who disputes it: disputed_by of its events, sources of denials
    first_published  VARCHAR,
    evidence         VARCHAR,            -- the evidence of its most specific event
    updated_at       TIMESTAMP
);

CREATE TABLE claim_events (
    claim_id    VARCHAR NOT NULL,
    article_id  VARCHAR NOT NULL,
    idx         INTEGER NOT NULL,        -- the event's index in its article (events.idx)
    modality    VARCHAR,
    stance      VARCHAR                  -- supports, disputes or neutral
);

-- Articles whose claims are still to be computed: written in the transaction of
-- their batch, consumed at the end of an ingest, so a killed run loses nothing.
CREATE TABLE claims_pending (
    article_id  VARCHAR NOT NULL
);

-- A store upgraded from an earlier version has all of its claims to compute.
INSERT INTO claims_pending SELECT id FROM articles;
