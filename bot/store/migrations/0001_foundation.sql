-- Users, companions, the conversation itself, and the durable outbox every send will use.
CREATE TABLE users (
    id                    INTEGER PRIMARY KEY,          -- Discord user id (or a local id for `os1 chat`)
    display_name          TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    locale                TEXT,
    timezone              TEXT,
    age_bracket           TEXT,                          -- under-13 | 13-17 | 18-24 | 25-34 | 35-54 | 55+ | NULL unknown
    onboarded_at          TEXT,
    last_seen_at          TEXT,
    session_started_at    TEXT,
    last_disclosure_at    TEXT,
    last_break_reminder_at TEXT,
    last_time_notice_at   TEXT,
    risk_state            TEXT,                          -- JSON, see bot/core/safety
    safe_mode_since       TEXT
);

CREATE TABLE personas (
    key         TEXT PRIMARY KEY,
    guild_id    INTEGER,                                  -- NULL: available everywhere
    data        TEXT NOT NULL,                            -- JSON of bot.core.personas.Persona
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);

CREATE TABLE companions (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id      INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    name         TEXT,
    persona_key  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    named_at     TEXT,
    state        TEXT NOT NULL DEFAULT 'active'            -- active | dormant (after a departure)
);

CREATE TABLE user_answers (
    user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    key        TEXT NOT NULL,
    value      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
);

-- Episodic memory: every message, with its scope ('dm' or 'guild:<guild>:<channel>').
CREATE TABLE messages (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id             INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    scope               TEXT NOT NULL,
    role                TEXT NOT NULL CHECK (role IN ('user', 'assistant', 'notice')),
    speaker             TEXT NOT NULL,
    content             TEXT NOT NULL,
    created_at          TEXT NOT NULL,
    discord_message_id  INTEGER,
    source              TEXT NOT NULL DEFAULT 'live',      -- live | import:<file>#<position>
    dedup_key           TEXT
);
CREATE INDEX messages_by_user_scope ON messages (user_id, scope, id);
CREATE UNIQUE INDEX messages_dedup ON messages (user_id, dedup_key) WHERE dedup_key IS NOT NULL;

-- Lexical index; `owner` lets one MATCH intersect with a user's rows only.
CREATE VIRTUAL TABLE messages_fts USING fts5 (owner, body, tokenize = 'porter unicode61');
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, owner, body)
    VALUES (new.id, 'u' || new.user_id,
            new.speaker || ' (' || substr(new.created_at, 1, 10) || '): ' || new.content);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    DELETE FROM messages_fts WHERE rowid = old.id;
END;

-- Durable outbox: a row first, then the send; `dedup_key` makes delivery exactly-once.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    dedup_key        TEXT NOT NULL UNIQUE,
    kind             TEXT NOT NULL,                        -- reply | checkin | letter | alert | ...
    priority         INTEGER NOT NULL DEFAULT 5,
    channel_id       INTEGER,
    user_id          INTEGER,
    payload          TEXT NOT NULL,                        -- JSON
    state            TEXT NOT NULL DEFAULT 'pending',      -- pending | sending | sent | failed
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    lease_until      TEXT,
    sent_message_id  INTEGER,
    error            TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);

CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    at        TEXT NOT NULL,
    actor_id  INTEGER,
    guild_id  INTEGER,
    action    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '{}'
);
