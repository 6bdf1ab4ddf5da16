-- Servers' settings, safety counters (no user identifiers), check-in schedule.
CREATE TABLE guild_settings (
    guild_id          INTEGER PRIMARY KEY,
    alert_channel_id  INTEGER,                              -- opt-in moderator alerts
    require_adults    INTEGER NOT NULL DEFAULT 0,
    helplines         TEXT NOT NULL DEFAULT '[]',           -- JSON list of lines shown in crises
    last_alert_at     TEXT,
    updated_at        TEXT NOT NULL
);

CREATE TABLE safety_counters (
    year   INTEGER NOT NULL,
    kind   TEXT NOT NULL,                                   -- crisis_referral | output_blocked | ...
    count  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (year, kind)
);

-- One row per user; a single sweeper asks for due rows by next_at (never one job per user).
CREATE TABLE checkins (
    user_id      INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    enabled      INTEGER NOT NULL DEFAULT 1,
    next_at      TEXT,
    lease_until  TEXT,
    last_sent_at TEXT
);
CREATE INDEX checkins_due ON checkins (next_at) WHERE enabled = 1;
