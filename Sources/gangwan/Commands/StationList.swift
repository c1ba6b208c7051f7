import ArgumentParser
import GangwanKit

/// `gangwan station list`: stations by region, kind, service, status or staleness.
struct StationList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List stations (removed ones are never listed).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Region code prefix: 63 all Qinghai, 6301 西宁, 630103 城中区.") var region: String?
    @Option(help: "Station kind.") var kind: String?
    @Option(name: .customLong("service"), help: "A service every listed station offers (repeatable).") var services: [String] = []
    @Option(help: "open, suspended or closed.") var status: String?
    @Option(name: .customLong("stale-days"), parsing: .unconditional, help: "Only stations not verified for this many days.") var staleDays: Int?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if let staleDays, staleDays < 0 { throw ValidationError(text("--stale-days must be 0 or more", "--stale-days 必须大于或等于 0")) }
    }

    func run() throws {
        let db = try global.openDatabase()
        let filter = StationFilter(
            regionPrefix: try region.map { try db.regions.validate(prefix: $0) },
            kind: try kind.map { try StationKind.parse($0) },
            services: try ServiceSet.parse(services.joined(separator: ",")),
            status: try status.map { try StationStatus.parse($0) },
            staleDays: staleDays)
        let stations = try db.stations(filter)
        if output.json {
            try OutputOptions.printJSON(stations.map { StationJSON($0, crs: output.outputCRS, regions: db.regions) })
        } else {
            print(StationFormat.listTable(stations, regions: db.regions).render())
            print(text("\(stations.count) stations", "共 \(stations.count) 个站点"))
        }
    }
}
