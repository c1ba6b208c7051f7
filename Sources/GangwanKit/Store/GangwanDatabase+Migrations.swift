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
        return migrator
    }
}
