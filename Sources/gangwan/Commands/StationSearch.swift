import ArgumentParser
import GangwanKit

/// `gangwan station search TEXT`: by name, address, pinyin or pinyin initials.
struct StationSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Find stations by part of the name or address, or the name's pinyin (xining) or initials (xncz).",
        discussion: "Removed stations are left out; the others are listed by name, at most --limit of them.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Text to look for.") var query: String
    @Option(help: "Region code prefix, e.g. 6301 for 西宁.") var region: String?
    @Option(parsing: .unconditional, help: "How many stations at most.") var limit = 50
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError(text("--limit must be at least 1", "--limit 至少为 1")) }
    }

    func run() throws {
        let db = try global.openDatabase()
        let stations = try db.searchStations(query, regionPrefix: try region.map { try db.regions.validate(prefix: $0) }, limit: limit)
        if output.json {
            try OutputOptions.printJSON(stations.map { StationJSON($0, crs: output.outputCRS, regions: db.regions) })
        } else {
            print(StationFormat.listTable(stations, regions: db.regions).render())
            print(text("\(stations.count) found", "找到 \(stations.count) 个"))
        }
    }
}
