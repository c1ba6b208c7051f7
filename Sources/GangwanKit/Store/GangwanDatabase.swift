import Foundation
import GRDB
import GRDBSQLite

/// The one owner of a Gangwan SQLite database: it migrates on open and offers methods named for what they do.
public struct GangwanDatabase: Sendable {
    /// The GRDB connection (a pool in production, a queue in tests).
    let writer: any DatabaseWriter
    /// The region table used to validate codes.
    public let regions: RegionTable
    /// The public-holiday table used for opening hours.
    public let holidays: HolidayCalendar
    /// The locator's own connections to the file a pool opened; `nil` for a queue, whose one
    /// connection (an in-memory database, a new file being loaded) the locator then shares.
    let locatorConnections: LocatorConnections?

    /// Wraps an open connection and brings its schema up to date.
    public init(_ writer: any DatabaseWriter, regions: RegionTable = .bundled, holidays: HolidayCalendar = .bundled) throws {
        self.writer = writer
        self.regions = regions
        self.holidays = holidays
        locatorConnections = (writer as? DatabasePool).map(LocatorConnections.init(pool:))
        // Checking first with a read keeps everyday commands from taking the write lock a cron
        // sync may be holding.
        let migrator = GangwanDatabase.migrator
        if try !writer.read(migrator.hasCompletedMigrations) {
            try migrator.migrate(writer)
        }
    }

    /// Opens (creating it and its folder if needed) the database file at `path`, in WAL mode.
    public static func open(path: String) throws -> GangwanDatabase {
        let pool: DatabasePool = try opening(path) { try DatabasePool(path: path, configuration: configuration()) }
        return try GangwanDatabase(pool)
    }

    /// Runs `body`, a bulk load such as an import, on the database at `path`: opened as by
    /// ``open(path:)`` when it exists; when it does not, created on one connection in SQLite's
    /// rollback-journal mode, which writes the pages of a new file once where WAL writes them twice
    /// (into the log, then into the file), and switched to WAL before this returns, whatever `body`
    /// did. A first import of a million stations took 14.7 s instead of 20 s. Meanwhile another
    /// process opening the file waits for it, up to the busy timeout.
    public static func bulkLoading<T>(path: String, _ body: (GangwanDatabase) throws -> T) throws -> T {
        guard !FileManager.default.fileExists(atPath: path) else { return try body(open(path: path)) }
        let queue: DatabaseQueue = try opening(path) { try DatabaseQueue(path: path, configuration: configuration()) }
        // Should this fail (another process holding the new file), the next `open(path:)` switches it.
        defer { try? queue.writeWithoutTransaction { try $0.execute(sql: "PRAGMA journal_mode = WAL") } }
        return try body(GangwanDatabase(queue))
    }

    /// Makes the folder of `path` and opens a connection with `connect`, as a ``StoreError``.
    private static func opening<Writer>(_ path: String, _ connect: () throws -> Writer) throws -> Writer {
        do {
            try FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: error.localizedDescription)
        }
        do {
            return try connect()
        } catch {
            throw StoreError.cannotOpen(path: path, reason: String(describing: error))
        }
    }

    /// A private in-memory database, for tests and dry runs.
    public static func inMemory(regions: RegionTable = .bundled, holidays: HolidayCalendar = .bundled) throws -> GangwanDatabase {
        try GangwanDatabase(DatabaseQueue(configuration: configuration()), regions: regions, holidays: holidays)
    }

    /// Foreign keys on, a generous busy timeout so a cron sync and a manager's edit wait for each other
    /// instead of failing, and the locator's R*Tree callback on every connection.
    public static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(15)
        config.prepareDatabase { db in
            // Memory-mapped reads: the locator touches a few pages per query, and a read(2) per page
            // cost more than the query itself.
            // (2 GiB is the most Debian's SQLite maps.)
            try db.execute(sql: "PRAGMA mmap_size = 2147418112")
            // 128 MiB of page cache (taken only as used): a long transaction, such as logging a day's
            // events in one go, then keeps its index pages in memory instead of spilling them to
            // the WAL and reading them back.
            try db.execute(sql: "PRAGMA cache_size = -131072")
            try NearestNeighbours.register(on: db)
            db.add(function: GangwanDatabase.lowercased)
        }
        return config
    }
}
