import ArgumentParser
import GangwanKit

/// What the one-word station commands share: the station, who acts, and a short confirmation.
struct StationChangeOptions: ParsableArguments {
    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id or code.") var station: String
    @OptionGroup var output: OutputOptions

    /// Opens, suspends or closes the station and confirms it.
    func setStatus(_ status: StationStatus, reason: String?) throws {
        let db = try global.openDatabase()
        let changed = try db.setStationStatus(station, status, reason: reason, actor: global.actorName)
        try report(changed, db, status.displayName)
    }

    func report(_ station: Station, _ db: GangwanDatabase, _ message: String) throws {
        if output.json {
            try OutputOptions.printJSON(StationJSON(station, crs: output.outputCRS, regions: db.regions))
        } else {
            print("\(station.name): \(message)")
        }
    }
}

/// `gangwan station verify ID`: the record was checked and is true today.
struct StationVerify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Record that the station's details were checked today.")
    @OptionGroup var change: StationChangeOptions

    func run() throws {
        let db = try change.global.openDatabase()
        let station = try db.verifyStation(change.station, actor: change.global.actorName)
        try change.report(station, db, text("verified", "已核实"))
    }
}

/// `gangwan station suspend ID`: temporarily not receiving workers.
struct StationSuspend: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "suspend", abstract: "Suspend a station for a while (the locator skips it).")
    @OptionGroup var change: StationChangeOptions
    @Option(help: "Why, e.g. 装修.") var reason: String?

    func run() throws {
        try change.setStatus(.suspended, reason: reason)
    }
}

/// `gangwan station close ID`: closed for good.
struct StationClose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "close", abstract: "Close a station (the locator skips it).")
    @OptionGroup var change: StationChangeOptions
    @Option(help: "Why.") var reason: String?

    func run() throws {
        try change.setStatus(.closed, reason: reason)
    }
}

/// `gangwan station reopen ID`: open again.
struct StationReopen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Open a suspended or closed station again.")
    @OptionGroup var change: StationChangeOptions
    @Option(help: "Why.") var reason: String?

    func run() throws {
        try change.setStatus(.open, reason: reason)
    }
}

/// `gangwan station remove ID`: removed from every listing; a tombstone stays for sync.
struct StationRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove a station (kept as a tombstone for sync).")
    @OptionGroup var change: StationChangeOptions

    func run() throws {
        let db = try change.global.openDatabase()
        let station = try db.removeStation(change.station, actor: change.global.actorName)
        try change.report(station, db, text("removed", "已删除"))
    }
}
