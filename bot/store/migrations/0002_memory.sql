-- Semantic memory with provenance and validity, vectors, profile, summaries.
CREATE TABLE memories (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id        INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind           TEXT NOT NULL DEFAULT 'fact',           -- fact | onboarding | note
    content        TEXT NOT NULL,
    scope          TEXT NOT NULL DEFAULT 'dm',             -- where it was learned
    shareable      INTEGER NOT NULL DEFAULT 0,             -- 1: may enter prompts in server channels
    valid_from     TEXT NOT NULL,
    valid_to       TEXT,                                   -- NULL: still true
    superseded_by  INTEGER REFERENCES memories(id) ON DELETE SET NULL,
    origin         TEXT NOT NULL DEFAULT 'extraction',     -- extraction | onboarding | user | import
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX memories_by_user ON memories (user_id, valid_to);

CREATE TABLE memory_sources (
    memory_id   INTEGER NOT NULL REFERENCES memories(id) ON DELETE CASCADE,
    message_id  INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    PRIMARY KEY (memory_id, message_id)
);
CREATE INDEX memory_sources_by_message ON memory_sources (message_id);

CREATE VIRTUAL TABLE memories_fts USING fts5 (owner, body, tokenize = 'porter unicode61');
CREATE TRIGGER memories_fts_insert AFTER INSERT ON memories BEGIN
    INSERT INTO memories_fts (rowid, owner, body) VALUES (new.id, 'u' || new.user_id, new.content);
END;
CREATE TRIGGER memories_fts_update AFTER UPDATE OF content ON memories BEGIN
    DELETE FROM memories_fts WHERE rowid = old.id;
    INSERT INTO memories_fts (rowid, owner, body) VALUES (new.id, 'u' || new.user_id, new.content);
END;
CREATE TRIGGER memories_fts_delete AFTER DELETE ON memories BEGIN
    DELETE FROM memories_fts WHERE rowid = old.id;
END;

-- float32 little-endian vectors; item_kind 'memory' or 'message'.
CREATE TABLE vectors (
    item_kind  TEXT NOT NULL,
    item_id    INTEGER NOT NULL,
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    model      TEXT NOT NULL,
    dim        INTEGER NOT NULL,
    vec        BLOB NOT NULL,
    PRIMARY KEY (item_kind, item_id)
);
CREATE INDEX vectors_by_user ON vectors (user_id, model);

CREATE TABLE profiles (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    content     TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE summaries (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope            TEXT NOT NULL,
    from_message_id  INTEGER NOT NULL,
    to_message_id    INTEGER NOT NULL,
    content          TEXT NOT NULL,
    created_at       TEXT NOT NULL
);
CREATE INDEX summaries_by_user_scope ON summaries (user_id, scope, to_message_id);

-- Work queue for background extraction, so a restart resumes it.
CREATE TABLE extraction_cursor (
    user_id          INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope            TEXT NOT NULL,
    last_message_id  INTEGER NOT NULL,
    PRIMARY KEY (user_id, scope)
);
