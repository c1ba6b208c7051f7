import Foundation
import Testing

/// The `gangwan` binary, end to end, on a real SQLite file.
@Suite struct StationCommandTests {
    let cli: GangwanProcess

    init() throws {
        cli = try GangwanProcess()
    }

    func add(_ extra: String...) throws -> String {
        let result = try cli.run(["station", "add", "--name", "城中区南大街劳动者港湾", "--kind", "劳动者港湾", "--lat", "36.6171",
                                  "--lon", "101.7782", "--region", "630103", "--services", "water,热饭"] + extra)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func addPrintsAnIDThatShowFinds() throws {
        let id = try add("--code", "QH-1")
        #expect(UUID(uuidString: id) != nil)
        let shown = try cli.run("station", "show", "QH-1", "--json")
        let object = try cli.json(shown) as? [String: Any]
        #expect(object?["id"] as? String == id)
        #expect(object?["services"] as? [String] == ["water", "hot-meal"])
        #expect(object?["actor"] as? String == "tester")
    }

    @Test func databaseIsCreatedUnderXDGDataHomeByDefault() throws {
        var cli = self.cli
        cli.environment["GANGWAN_DB"] = nil
        cli.environment["XDG_DATA_HOME"] = cli.folder.appendingPathComponent("xdg").path
        let result = try cli.run("station", "list")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: cli.folder.appendingPathComponent("xdg/gangwan/gangwan.sqlite").path))
    }

    @Test func dbFlagWinsOverTheEnvironment() throws {
        let path = cli.folder.appendingPathComponent("other.sqlite").path
        _ = try add("--db", path)
        #expect(FileManager.default.fileExists(atPath: path))
        let list = try cli.run("station", "list", "--json")
        #expect((try cli.json(list) as? [Any])?.isEmpty == true)
    }

    @Test func nearPrintsTheJSONFieldsScriptsNeed() throws {
        _ = try add("--code", "QH-1", "--hours", "24/7")
        let result = try cli.run("station", "near", "--lat", "36.62", "--lon", "101.78", "--json")
        #expect(result.status == 0, "\(result.stderr)")
        let first = (try cli.json(result) as? [[String: Any]])?.first
        for key in ["id", "code", "name", "kind", "status", "lat", "lon", "distance_m", "services", "open", "region", "address"] {
            #expect(first?[key] != nil, "missing \(key)")
        }
        #expect(first?["open"] as? Bool == true)
        #expect((first?["distance_m"] as? Double ?? 0) > 300)
    }

    @Test func nearOutputCRSGivesGCJ02Positions() throws {
        _ = try add()
        let wgs = try cli.json(try cli.run("station", "near", "--lat", "36.62", "--lon", "101.78", "--json")) as? [[String: Any]]
        let gcj = try cli.json(try cli.run("station", "near", "--lat", "36.62", "--lon", "101.78", "--json", "--output-crs", "gcj02")) as? [[String: Any]]
        let shift = (gcj?.first?["lon"] as? Double ?? 0) - (wgs?.first?["lon"] as? Double ?? 0)
        // In Qinghai the GCJ-02 offset is a few hundred metres: about 0.001–0.003 degrees.
        #expect(shift > 0.0005 && shift < 0.005)
    }

    /// A position given in GCJ-02 or BD-09, to add or to update, is stored in WGS-84: printed back
    /// in the system it was given in, it is the same position.
    @Test func positionsGivenInGCJ02OrBD09AreConverted() throws {
        let added = try cli.run("station", "add", "--name", "站", "--kind", "harbor", "--lat", "36.62", "--lon", "101.78",
                                "--crs", "bd09", "--region", "630103", "--code", "QH-8", "--json")
        let stored = try cli.json(added) as? [String: Any]
        #expect(abs((stored?["lon"] as? Double ?? 0) - 101.78) > 0.005, "\(added.stdout)")
        let asBaidu = try cli.json(try cli.run("station", "show", "QH-8", "--json", "--output-crs", "bd09")) as? [String: Any]
        #expect(abs((asBaidu?["lat"] as? Double ?? 0) - 36.62) < 1e-5 && abs((asBaidu?["lon"] as? Double ?? 0) - 101.78) < 1e-5)
        #expect(try cli.run("station", "update", "QH-8", "--lat", "36.63", "--lon", "101.79", "--crs", "GCJ02").status == 0)
        let asAmap = try cli.json(try cli.run("station", "show", "QH-8", "--json", "--output-crs", "gcj02")) as? [String: Any]
        #expect(abs((asAmap?["lat"] as? Double ?? 0) - 36.63) < 1e-5 && abs((asAmap?["lon"] as? Double ?? 0) - 101.79) < 1e-5)
        let geojson = try cli.run("station", "export", "--format", "GeoJSON", "--output-crs", "WGS84")
        #expect(geojson.status == 0 && geojson.stdout.contains("FeatureCollection"), "\(geojson.stderr)")
        let plain = try cli.json(try cli.run("station", "show", "QH-8", "--json")) as? [String: Any]
        #expect(abs((plain?["lon"] as? Double ?? 0) - 101.79) > 0.0005)
    }

    @Test func humanNearOutputShowsDistanceAndMinutes() throws {
        _ = try add("--hours", "24/7")
        let result = try cli.run("station", "near", "--lat", "36.62", "--lon", "101.78")
        #expect(result.stdout.contains("城中区南大街劳动者港湾"))
        #expect(result.stdout.contains(" m"))
        #expect(result.stdout.contains("min"))
    }

    @Test func chineseLocaleGivesChineseLabels() throws {
        var cli = self.cli
        cli.environment["LANG"] = "zh_CN.UTF-8"
        _ = try cli.run("station", "add", "--name", "测试站", "--kind", "harbor", "--lat", "36.6", "--lon", "101.7", "--region", "630103")
        let result = try cli.run("station", "list")
        #expect(result.stdout.contains("名称"))
        let bad = try cli.run("station", "add", "--name", "x", "--kind", "harbor", "--lat", "95", "--lon", "101.7", "--region", "630103")
        #expect(bad.stderr.contains("纬度") || bad.stderr.contains("lat"))
    }

    @Test func badLatitudeExits65AndChangesNothing() throws {
        _ = try add()
        let before = try cli.databaseSnapshot()
        for value in ["91", "abc", "NaN", ""] {
            let result = try cli.run("station", "add", "--name", "x", "--kind", "harbor", "--lat", value, "--lon", "101", "--region", "630103")
            #expect(result.status == 65, "lat \(value): \(result.stderr)")
            #expect(result.stderr.contains("lat"))
        }
        #expect(try cli.databaseSnapshot() == before)
    }

    @Test func anActorWithControlCharactersIsAUsageError() throws {
        let result = try cli.run("station", "list", "--actor", "王芳\u{1B}[2J")
        #expect(result.status == 64)
        #expect(result.stderr.contains("actor"))
    }

    /// Negative values are read as values, not as options: a southern latitude is a position, and
    /// `--limit -1` gets the tool's own message instead of "Missing value".
    @Test func negativeValuesAreReadAsValues() throws {
        _ = try add("--code", "QH-1")
        #expect(try cli.run("station", "near", "--lat", "-33.9", "--lon", "-151.2").status == 0)
        let limit = try cli.run("station", "near", "--lat", "36.6", "--lon", "101.7", "--limit", "-1")
        #expect(limit.status == 64 && limit.stderr.contains("--limit must be at least 1"), "\(limit.stderr)")
        let search = try cli.run("station", "search", "港湾", "--limit", "-1")
        #expect(search.status == 64 && search.stderr.contains("--limit must be at least 1"), "\(search.stderr)")
        let stale = try cli.run("station", "list", "--stale-days", "-1")
        #expect(stale.status == 64 && stale.stderr.contains("--stale-days must be 0 or more"), "\(stale.stderr)")
        let seats = try cli.run("station", "update", "QH-1", "--seats", "-3")
        #expect(seats.status != 0 && seats.stderr.contains("is not a whole number from 0 to 10000"), "\(seats.stderr)")
    }

    /// A missing required option is a usage error (64), naming every one missing, while a value
    /// that is there but wrong is bad data (65); both leave the database as it was.
    @Test func addWithoutItsRequiredOptionsIsAUsageError() throws {
        _ = try add()
        let before = try cli.databaseSnapshot()
        let missing = try cli.run("station", "add", "--name", "x", "--code", "QH-9")
        #expect(missing.status == 64, "\(missing.stderr)")
        #expect(missing.stderr.contains("a new station needs --kind, --lat, --lon, --region"), "\(missing.stderr)")
        let worker = try cli.run("worker", "add", "--name", "王芳")
        #expect(worker.status == 64 && worker.stderr.contains("--group"), "\(worker.stderr)")
        let empty = try cli.run("station", "add", "--name", "", "--kind", "harbor", "--lat", "36.6", "--lon", "101.7", "--region", "630103")
        #expect(empty.status == 65, "\(empty.stderr)")
        let half = try cli.run("station", "update", "QH-0", "--lat", "36.7")
        #expect(half.status == 64 && half.stderr.contains("--lat and --lon go together"), "\(half.stderr)")
        let crsAlone = try cli.run("station", "update", "QH-0", "--crs", "gcj02")
        #expect(crsAlone.status == 64 && crsAlone.stderr.contains("--crs is only used with --lat and --lon"), "\(crsAlone.stderr)")
        let noPath = try cli.run("station", "list", "--db", "")
        #expect(noPath.status == 64 && noPath.stderr.contains("--db"), "\(noPath.stderr)")
        #expect(try cli.databaseSnapshot() == before)
    }

    /// Usage messages of the tool's own follow LANG, and a typed reference is echoed without the
    /// escape sequences it may hold.
    @Test func usageMessagesAreChineseAndEchoesAreClean() throws {
        var chinese = cli
        chinese.environment["LANG"] = "zh_CN.UTF-8"
        let limit = try chinese.run("station", "near", "--lat", "36.6", "--lon", "101.7", "--limit", "0")
        #expect(limit.status == 64 && limit.stderr.contains("--limit 至少为 1"), "\(limit.stderr)")
        let missing = try chinese.run("station", "add", "--name", "站")
        #expect(missing.status == 64 && missing.stderr.contains("新站点必须提供"), "\(missing.stderr)")
        let shown = try cli.run("station", "show", "X\u{1B}[2J")
        #expect(shown.status == 65 && shown.stderr.contains("X[2J") && !shown.stderr.contains("\u{1B}"), "\(shown.stderr)")
    }

    @Test func unknownOptionIsAUsageError() throws {
        let result = try cli.run("station", "near", "--lat", "36", "--lon", "101", "--colour", "red")
        #expect(result.status == 64)
    }

    @Test func missingImportFileExits66() throws {
        let result = try cli.run("station", "import", cli.folder.appendingPathComponent("nope.csv").path)
        #expect(result.status == 66)
    }

    /// A device such as /dev/zero is refused at once (66), not read forever.
    @Test func importingSomethingOtherThanAFileExits66() throws {
        let result = try cli.run("station", "import", "/dev/zero")
        #expect(result.status == 66)
        #expect(result.stderr.contains("not a regular file"))
    }

    @Test func invalidImportExits65ListsLinesAndWritesNothing() throws {
        let path = try cli.write("bad.csv", """
            code,name,kind,lat,lon,region
            QH-1,好站,harbor,36.6,101.7,630103
            QH-2,坏站,harbor,36.6,181,630103

            """)
        let result = try cli.run("station", "import", path)
        #expect(result.status == 65)
        #expect(result.stderr.contains("line 3, column lon"))
        #expect((try cli.json(try cli.run("station", "list", "--json")) as? [Any])?.isEmpty == true)
    }

    /// An output path that names a folder, the database or the file being imported is refused
    /// (73) before anything is written: the rejects file and the export once replaced whatever
    /// was there, a whole folder or the office's database included. An earlier file of the same
    /// name is replaced, whole.
    @Test func outputFilesNeverReplaceAFolderTheDatabaseOrTheInput() throws {
        _ = try add("--code", "QH-1")
        let folder = cli.folder.appendingPathComponent("office")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let notes = try cli.write("office/notes.txt", "precious")
        let input = try cli.write("in.csv", """
            name,kind,lat,lon,region
            好站,harbor,36.6,101.7,630103
            坏站,bogus,36.6,101.7,630103

            """)
        let before = try cli.databaseSnapshot()
        for (arguments, target) in [
            (["station", "import", input, "--skip-invalid", "--rejects", folder.path], folder.path),
            (["station", "import", input, "--skip-invalid", "--rejects", cli.databasePath], cli.databasePath),
            (["station", "import", input, "--skip-invalid", "--rejects", input], input),
            (["station", "export", "--output", folder.path], folder.path),
            (["station", "export", "--output", cli.databasePath + "-wal"], cli.databasePath + "-wal"),
            (["report", "monthly", "--month", "2026-11", "--output", cli.databasePath], cli.databasePath),
        ] {
            let result = try cli.run(arguments)
            #expect(result.status == 73, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("cannot write \(target)"), "\(result.stderr)")
        }
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "precious")
        #expect(try cli.databaseSnapshot() == before)
        #expect(try String(contentsOfFile: input, encoding: .utf8).contains("坏站,bogus"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: cli.folder.path).filter { $0.hasSuffix(".partial") }.isEmpty)

        let export = try cli.write("stations.csv", "an earlier export")
        #expect(try cli.run("station", "export", "--output", export).status == 0)
        #expect(try String(contentsOfFile: export, encoding: .utf8).contains("QH-1"))
    }

    /// A first import creates the database outside WAL (faster for a new file) and leaves it in
    /// WAL mode like every other, whether it succeeded or was refused.
    @Test func aFirstImportLeavesItsNewDatabaseInWALMode() throws {
        /// Byte 18 of an SQLite file is 2 in WAL mode, 1 in rollback-journal mode.
        func writeVersion(_ path: String) throws -> UInt8 { try Data(contentsOf: URL(fileURLWithPath: path))[18] }
        var fresh = cli
        let created = cli.folder.appendingPathComponent("new/first.sqlite").path
        fresh.environment["GANGWAN_DB"] = created
        let sample = GangwanProcess.repository.appendingPathComponent("data/stations-sample.csv").path
        #expect(try fresh.run("station", "import", sample).status == 0)
        #expect(try writeVersion(created) == 2)
        let listed = try fresh.json(try fresh.run("station", "list", "--json")) as? [Any]
        #expect(listed?.isEmpty == false)
        #expect(try fresh.run("station", "import", sample).stdout.contains("0 new, 0 updated"))

        let refused = cli.folder.appendingPathComponent("refused.sqlite").path
        fresh.environment["GANGWAN_DB"] = refused
        let bad = try cli.write("bad-first.csv", "code,name,kind,lat,lon,region\nQH-1,坏站,harbor,36.6,181,630103\n")
        #expect(try fresh.run("station", "import", bad).status == 65)
        #expect(try writeVersion(refused) == 2)
        #expect((try fresh.json(try fresh.run("station", "list", "--json")) as? [Any])?.isEmpty == true)
    }

    @Test func unknownStationExits65() throws {
        let result = try cli.run("station", "show", "NOPE")
        #expect(result.status == 65)
        #expect(result.stderr.contains("NOPE"))
    }

    @Test func suspendCloseReopenAndRemoveChangeWhatNearFinds() throws {
        _ = try add("--code", "QH-1")
        func nearCount() throws -> Int {
            (try cli.json(try cli.run("station", "near", "--lat", "36.6", "--lon", "101.7", "--json")) as? [Any])?.count ?? -1
        }
        #expect(try nearCount() == 1)
        #expect(try cli.run("station", "suspend", "QH-1", "--reason", "装修").status == 0)
        #expect(try nearCount() == 0)
        #expect(try cli.run("station", "reopen", "QH-1").status == 0)
        #expect(try nearCount() == 1)
        #expect(try cli.run("station", "close", "QH-1").status == 0)
        #expect(try nearCount() == 0)
        #expect(try cli.run("station", "reopen", "QH-1").status == 0)
        #expect(try cli.run("station", "remove", "QH-1").status == 0)
        #expect(try nearCount() == 0)
        #expect(try cli.run("station", "verify", "QH-1").status == 65)
        // Its record can still be looked at, and says first of all that it is removed.
        let shown = try cli.run("station", "show", "QH-1")
        #expect(shown.status == 0 && shown.stdout.contains("removed (was open)"), "\(shown.stdout)")
    }

    @Test func sampleStationsImportTwiceAndExportRoundTrips() throws {
        let sample = GangwanProcess.repository.appendingPathComponent("data/stations-sample.csv").path
        let first = try cli.run("station", "import", sample)
        #expect(first.status == 0, "\(first.stderr)")
        let exported = try cli.run("station", "export")
        let second = try cli.run("station", "import", sample)
        #expect(second.stdout.contains("0 new, 0 updated"))
        let path = try cli.write("export.csv", exported.stdout)
        var fresh = cli
        fresh.environment["GANGWAN_DB"] = cli.folder.appendingPathComponent("fresh.sqlite").path
        #expect(try fresh.run("station", "import", path).status == 0)
        #expect(try fresh.run("station", "export").stdout == exported.stdout)
    }

    @Test func searchFindsShortAndLongChineseAndPinyin() throws {
        _ = try add()
        for query in ["城", "南大", "南大街劳动", "chengzhongqu", "czq"] {
            let result = try cli.run("station", "search", query, "--json")
            #expect((try cli.json(result) as? [Any])?.count == 1, "query \(query)")
        }
    }
}
