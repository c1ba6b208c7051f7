import Foundation
import GRDB

extension GangwanDatabase {
    /// The schema's history. Migrations are appended, never edited: offices upgrade in place.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-stations") { db in
            // `seq` is the local integer key the R*Tree and FTS5 indexes need; `id` is the identity
            // shared between offices. Declaring `seq` keeps VACUUM from renumbering rows under the indexes.
            try db.execute(sql: """
                CREATE TABLE station (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    code TEXT UNIQUE,
                    name TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    status TEXT NOT NULL,
                    status_reason TEXT,
                    region TEXT NOT NULL,
                    address TEXT NOT NULL,
                    lat REAL NOT NULL,
                    lon REAL NOT NULL,
                    services INTEGER NOT NULL,
                    hours TEXT,
                    host TEXT,
                    phone TEXT,
                    seats INTEGER,
                    verified_on TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    removed_at TEXT,
                    name_pinyin TEXT NOT NULL,
                    name_initials TEXT NOT NULL
                );
                CREATE INDEX station_region ON station(region);

                -- Only stations a worker may be sent to are in the spatial index. (No auxiliary
                -- columns: SQLite 3.40 prepares a statement per query to read them, which costs more
                -- than joining the station table.)
                CREATE VIRTUAL TABLE station_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
                CREATE TRIGGER station_rtree_insert AFTER INSERT ON station
                WHEN new.status = 'open' AND new.removed_at IS NULL BEGIN
                    INSERT INTO station_rtree VALUES (new.seq, new.lat, new.lat, new.lon, new.lon);
                END;
                CREATE TRIGGER station_rtree_update AFTER UPDATE OF lat, lon, status, removed_at ON station BEGIN
                    DELETE FROM station_rtree WHERE id = old.seq;
                    INSERT INTO station_rtree SELECT new.seq, new.lat, new.lat, new.lon, new.lon
                    WHERE new.status = 'open' AND new.removed_at IS NULL;
                END;
                CREATE TRIGGER station_rtree_delete AFTER DELETE ON station BEGIN
                    DELETE FROM station_rtree WHERE id = old.seq;
                END;

                CREATE VIRTUAL TABLE station_fts USING fts5(
                    name, address, name_pinyin, name_initials,
                    content = 'station', content_rowid = 'seq', tokenize = 'trigram');
                CREATE TRIGGER station_fts_insert AFTER INSERT ON station BEGIN
                    INSERT INTO station_fts(rowid, name, address, name_pinyin, name_initials)
                    VALUES (new.seq, new.name, new.address, new.name_pinyin, new.name_initials);
                END;
                CREATE TRIGGER station_fts_update AFTER UPDATE OF name, address ON station BEGIN
                    INSERT INTO station_fts(station_fts, rowid, name, address, name_pinyin, name_initials)
                    VALUES ('delete', old.seq, old.name, old.address, old.name_pinyin, old.name_initials);
                    INSERT INTO station_fts(rowid, name, address, name_pinyin, name_initials)
                    VALUES (new.seq, new.name, new.address, new.name_pinyin, new.name_initials);
                END;
                CREATE TRIGGER station_fts_delete AFTER DELETE ON station BEGIN
                    INSERT INTO station_fts(station_fts, rowid, name, address, name_pinyin, name_initials)
                    VALUES ('delete', old.seq, old.name, old.address, old.name_pinyin, old.name_initials);
                END;
                """)
        }
        migrator.registerMigration("v2-station-indexes") { db in
            // The R*Tree now holds each open station as a point on the unit sphere (x, y, z) instead
            // of latitude and longitude: the straight-line distance to a box is a true lower bound of
            // the distance along the sphere and needs no trigonometry, so the locator's callback, run
            // for every cell it looks at, is a few subtractions. `station_point` is the one place
            // the conversion is written; the triggers and bulk fills read it.
            try db.execute(sql: """
                DROP TRIGGER station_rtree_insert;
                DROP TRIGGER station_rtree_update;
                DROP TRIGGER station_rtree_delete;
                DROP TABLE station_rtree;

                CREATE VIEW station_point AS
                SELECT seq, cos(radians(lat)) * cos(radians(lon)) AS x, cos(radians(lat)) * sin(radians(lon)) AS y,
                       sin(radians(lat)) AS z
                FROM station WHERE status = 'open' AND removed_at IS NULL;

                CREATE VIRTUAL TABLE station_rtree USING rtree(id, min_x, max_x, min_y, max_y, min_z, max_z);
                INSERT INTO station_rtree SELECT seq, x, x, y, y, z, z FROM station_point;

                CREATE TRIGGER station_rtree_insert AFTER INSERT ON station
                WHEN new.status = 'open' AND new.removed_at IS NULL BEGIN
                    INSERT INTO station_rtree SELECT seq, x, x, y, y, z, z FROM station_point WHERE seq = new.seq;
                END;
                CREATE TRIGGER station_rtree_update AFTER UPDATE OF lat, lon, status, removed_at ON station BEGIN
                    DELETE FROM station_rtree WHERE id = old.seq;
                    INSERT INTO station_rtree SELECT seq, x, x, y, y, z, z FROM station_point WHERE seq = new.seq;
                END;
                CREATE TRIGGER station_rtree_delete AFTER DELETE ON station BEGIN
                    DELETE FROM station_rtree WHERE id = old.seq;
                END;
                """)
            // The trigram index keeps only the Chinese text. The pinyin columns tripled its size and
            // its build time (a million-row import spent half its time there), while a pinyin query
            // (ASCII letters) is served as well by scanning those short columns.
            try db.execute(sql: """
                DROP TRIGGER station_fts_insert;
                DROP TRIGGER station_fts_update;
                DROP TRIGGER station_fts_delete;
                DROP TABLE station_fts;

                CREATE VIRTUAL TABLE station_fts USING fts5(
                    name, address, content = 'station', content_rowid = 'seq', tokenize = 'trigram');
                INSERT INTO station_fts (station_fts) VALUES ('rebuild');

                CREATE TRIGGER station_fts_insert AFTER INSERT ON station BEGIN
                    INSERT INTO station_fts (rowid, name, address) VALUES (new.seq, new.name, new.address);
                END;
                CREATE TRIGGER station_fts_update AFTER UPDATE OF name, address ON station BEGIN
                    INSERT INTO station_fts (station_fts, rowid, name, address) VALUES ('delete', old.seq, old.name, old.address);
                    INSERT INTO station_fts (rowid, name, address) VALUES (new.seq, new.name, new.address);
                END;
                CREATE TRIGGER station_fts_delete AFTER DELETE ON station BEGIN
                    INSERT INTO station_fts (station_fts, rowid, name, address) VALUES ('delete', old.seq, old.name, old.address);
                END;
                """)
        }
        migrator.registerMigration("v3-casework") { db in
            // Workers' ID numbers and phones are sealed; the `_index` columns hold keyed blind
            // indexes (HMAC), so finding and de-duplicating never needs the plaintext.
            try db.execute(sql: """
                CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;

                CREATE TABLE worker (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    worker_group TEXT NOT NULL,
                    id_number_sealed BLOB,
                    id_number_index BLOB UNIQUE,
                    phone_sealed BLOB,
                    phone_index BLOB,
                    region TEXT,
                    employer TEXT,
                    consent_date TEXT,
                    occupation TEXT,
                    platform TEXT,
                    relationship TEXT,
                    hardship_category TEXT,
                    hardship_cause TEXT,
                    hukou_region TEXT,
                    created_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    actor TEXT NOT NULL
                );
                CREATE INDEX worker_phone ON worker(phone_index);
                CREATE INDEX worker_group_region ON worker(worker_group, region);
                CREATE INDEX worker_created ON worker(created_at, worker_group, region);

                CREATE TABLE support_case (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    worker_id TEXT NOT NULL REFERENCES worker(id),
                    type TEXT NOT NULL,
                    status TEXT NOT NULL,
                    priority TEXT NOT NULL,
                    summary TEXT NOT NULL,
                    assignee TEXT,
                    office TEXT,
                    due TEXT NOT NULL,
                    claimed_fen INTEGER,
                    assistance_fen INTEGER NOT NULL,
                    recovered_fen INTEGER NOT NULL,
                    worker_group TEXT NOT NULL,
                    region TEXT,
                    opened_at TEXT NOT NULL,
                    updated_at TEXT NOT NULL,
                    referred_to TEXT,
                    referred_at TEXT,
                    resolved_at TEXT,
                    closed_at TEXT,
                    settled_at TEXT,
                    actor TEXT NOT NULL
                );
                CREATE INDEX case_worker ON support_case(worker_id, type);
                -- Overdue lists read unsettled cases in due order and stop early.
                CREATE INDEX case_unsettled_due ON support_case(due) WHERE status NOT IN ('resolved', 'closed');
                -- The monthly report counts from these alone, never from the table: each holds what
                -- its query groups and filters by.
                CREATE INDEX case_opened ON support_case(opened_at, worker_group, type, region);
                CREATE INDEX case_resolved ON support_case(resolved_at, worker_group, type, region, opened_at)
                    WHERE resolved_at IS NOT NULL;
                CREATE INDEX case_closed ON support_case(closed_at, worker_group, type, region) WHERE closed_at IS NOT NULL;
                CREATE INDEX case_referred ON support_case(referred_at, worker_group, type, region) WHERE referred_at IS NOT NULL;
                CREATE INDEX case_unsettled ON support_case(opened_at, worker_group, type, region, due, settled_at) WHERE settled_at IS NULL;
                CREATE INDEX case_settled ON support_case(settled_at, opened_at, worker_group, type, region, due)
                    WHERE settled_at IS NOT NULL;

                CREATE TABLE case_event (
                    seq INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    -- No REFERENCES here: logging checks the case and the corrected event in the same
                    -- transaction, and a foreign-key probe per row would cost a tenth of an append.
                    case_id TEXT NOT NULL,
                    -- The case's type and region, which never change, so money by month needs no join.
                    case_type TEXT NOT NULL,
                    case_region TEXT,
                    kind TEXT NOT NULL,
                    at TEXT NOT NULL,
                    recorded_at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    text TEXT NOT NULL,
                    amount_fen INTEGER,
                    corrects TEXT,
                    delta_fen INTEGER NOT NULL
                );
                CREATE INDEX case_event_case ON case_event(case_id);
                -- An event is corrected at most once; a further correction corrects the correction.
                CREATE UNIQUE INDEX case_event_corrects ON case_event(corrects) WHERE corrects IS NOT NULL;
                -- Money by month reads only the events that carry an amount.
                CREATE INDEX case_event_money ON case_event(at, kind, case_type, case_region, delta_fen) WHERE delta_fen <> 0;
                CREATE TRIGGER case_event_no_update BEFORE UPDATE ON case_event BEGIN
                    SELECT RAISE(ABORT, 'case events are append-only');
                END;
                CREATE TRIGGER case_event_no_delete BEFORE DELETE ON case_event BEGIN
                    SELECT RAISE(ABORT, 'case events are append-only');
                END;

                CREATE TABLE audit (
                    seq INTEGER PRIMARY KEY,
                    at TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    action TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    detail TEXT NOT NULL
                );
                CREATE INDEX audit_at ON audit(at);
                CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN
                    SELECT RAISE(ABORT, 'the audit trail is append-only');
                END;
                """)
        }
        migrator.registerMigration("v4-sync") { db in
            // Sync (docs/sync-protocol.md). `clock` holds each record's field clocks (FieldClocks);
            // `outbox` every change not yet acknowledged by the hub (on the hub: its feed, kept);
            // `push_batch` the batch on its way, resent byte for byte until answered; `quarantine`
            // changes the other side rejected; `conflict` every same-field edit that lost.
            try db.execute(sql: """
                ALTER TABLE station ADD COLUMN clock TEXT;
                ALTER TABLE worker ADD COLUMN clock TEXT;
                ALTER TABLE support_case ADD COLUMN clock TEXT;

                CREATE TABLE outbox (
                    seq INTEGER PRIMARY KEY,
                    entity TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    hlc TEXT NOT NULL,
                    fields TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    region TEXT,
                    batch TEXT
                );
                CREATE INDEX outbox_batch ON outbox(batch) WHERE batch IS NOT NULL;

                CREATE TABLE push_batch (
                    id TEXT PRIMARY KEY,
                    body BLOB NOT NULL,
                    changes INTEGER NOT NULL,
                    created_at TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE quarantine (
                    change_id TEXT PRIMARY KEY,
                    direction TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    change TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    at TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE conflict (
                    seq INTEGER PRIMARY KEY,
                    entity TEXT NOT NULL,
                    record_id TEXT NOT NULL,
                    field TEXT NOT NULL,
                    kept_value TEXT,
                    kept_hlc TEXT NOT NULL,
                    lost_value TEXT,
                    lost_hlc TEXT NOT NULL,
                    lost_actor TEXT NOT NULL,
                    at TEXT NOT NULL,
                    UNIQUE (record_id, field, lost_hlc)
                );
                """)
            // This database becomes a sync node: a random node id, and everything it already holds
            // queued for the first push (workers before their cases, cases before their events).
            let node = UInt64.random(in: 1...UInt64.max)
            let stamp = HybridClock.tick(after: nil, now: Date(), node: node)
            try db.execute(sql: "INSERT INTO meta (name, value) VALUES ('node_id', ?), ('hlc', ?)",
                           arguments: [String(node), stamp.text])
            try db.execute(sql: """
                UPDATE station SET clock = :hlc;
                UPDATE worker SET clock = :hlc;
                UPDATE support_case SET clock = :hlc;
                INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
                    SELECT 'station', id, :hlc, '*', actor, region FROM station ORDER BY seq;
                INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
                    SELECT 'worker', id, :hlc, '*', actor, region FROM worker ORDER BY seq;
                INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
                    SELECT 'case', id, :hlc, '*', actor, region FROM support_case ORDER BY seq;
                INSERT INTO outbox (entity, record_id, hlc, fields, actor, region)
                    SELECT 'event', id, :hlc, '*', actor, case_region FROM case_event ORDER BY seq;
                """, arguments: ["hlc": stamp.text])
        }
        migrator.registerMigration("v5-trigram-flush-size") { db in
            // FTS5 writes out the terms it holds in memory as a new segment each time they pass
            // `hashsize` (1 MiB by default), and merges the segments later. A million-row import
            // made hundreds of them; at 16 MiB it writes a sixteenth as many and builds the index a
            // third faster (3.8 s → 2.6 s) for 22 MB more at its peak. A small transaction never
            // reaches either size, so nothing else changes.
            try db.execute(sql: "INSERT INTO station_fts (station_fts, rank) VALUES ('hashsize', 16777216)")
        }
        migrator.registerMigration("v6-trigram-index-without-positions") { db in
            // The trigram index keeps, for each trigram, only the stations holding it: no positions
            // (`detail=none`) and no column sizes (`columnsize=0`, which only ranking needs). Search
            // asks for every trigram of its text and keeps, with `LIKE`, the stations holding the
            // text itself, ordered by name. A million stations index in 1.4 s instead of 2.5 s, into
            // a third less space, and every push and pull that brings stations writes less.
            try db.execute(sql: """
                DROP TRIGGER station_fts_insert;
                DROP TRIGGER station_fts_update;
                DROP TRIGGER station_fts_delete;
                DROP TABLE station_fts;

                CREATE VIRTUAL TABLE station_fts USING fts5(
                    name, address, content = 'station', content_rowid = 'seq', tokenize = 'trigram',
                    detail = none, columnsize = 0);
                INSERT INTO station_fts (station_fts, rank) VALUES ('hashsize', 16777216);
                INSERT INTO station_fts (station_fts) VALUES ('rebuild');

                CREATE TRIGGER station_fts_insert AFTER INSERT ON station BEGIN
                    INSERT INTO station_fts (rowid, name, address) VALUES (new.seq, new.name, new.address);
                END;
                CREATE TRIGGER station_fts_update AFTER UPDATE OF name, address ON station BEGIN
                    INSERT INTO station_fts (station_fts, rowid, name, address) VALUES ('delete', old.seq, old.name, old.address);
                    INSERT INTO station_fts (rowid, name, address) VALUES (new.seq, new.name, new.address);
                END;
                CREATE TRIGGER station_fts_delete AFTER DELETE ON station BEGIN
                    INSERT INTO station_fts (station_fts, rowid, name, address) VALUES ('delete', old.seq, old.name, old.address);
                END;
                """)
        }
        migrator.registerMigration("v7-push-batch-order") { db in
            // Stored batches go out in the order they were made, counted here: their time-ordered
            // ids and creation times follow the clock, which may be set back between two batches.
            // A batch stored before this (at most one, made by the earlier client) goes first.
            try db.execute(sql: "ALTER TABLE push_batch ADD COLUMN made INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v8-pinyin-readings") { db in
            // Pinyin now reads a few polyphones as place and station names do (see `Pinyin`): the
            // names holding one are spelled again, so `ledu` finds 乐都 in databases made before.
            let characters = Pinyin.revisedCharacters.map(String.init)
            let holding = Array(repeating: "instr(name, ?) > 0", count: characters.count).joined(separator: " OR ")
            let rows = try Row.fetchAll(db, sql: "SELECT seq, name FROM station WHERE \(holding)", arguments: StatementArguments(characters))
            let update = try db.makeStatement(sql: "UPDATE station SET name_pinyin = ?, name_initials = ? WHERE seq = ?")
            for row in rows {
                let spelling = Pinyin.spell(row["name"])
                try update.execute(arguments: [spelling.full, spelling.initials, row["seq"]])
            }
        }
        return migrator
    }
}
