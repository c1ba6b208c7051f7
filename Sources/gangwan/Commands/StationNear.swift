import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan station near`: the nearest open stations with the services a worker needs.
struct StationNear: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "near", abstract: "Find the nearest open stations to a position.")

    @OptionGroup var global: GlobalOptions
    @Option(parsing: .unconditional, help: "Latitude in --crs.") var lat: String
    @Option(parsing: .unconditional, help: "Longitude in --crs.") var lon: String
    @Option(help: "Coordinate system of --lat/--lon: wgs84, gcj02 (Amap, Tencent, WeChat) or bd09 (Baidu).") var crs: CoordinateSystem = .wgs84
    @Option(parsing: .unconditional, help: "How many stations at most.") var limit = 5
    @Option(name: .customLong("radius-km"), parsing: .unconditional, help: "Only stations within this many kilometres.") var radiusKm: Double?
    @Option(name: .customLong("service"), help: "A service the station must offer (repeatable; all must match).") var services: [String] = []
    @Option(help: "Only stations of this kind.") var kind: String?
    @Flag(name: .customLong("open-now"), help: "Only stations open now.") var openNow = false
    @Option(name: .customLong("open-at"), help: "Only stations open at this time (ISO 8601, e.g. 2026-03-01T20:30; no offset means Beijing time).") var openAt: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard limit > 0 else { throw ValidationError(text("--limit must be at least 1", "--limit 至少为 1")) }
        if let radiusKm, !(radiusKm > 0 && radiusKm.isFinite) { throw ValidationError(text("--radius-km must be a positive number", "--radius-km 必须是正数")) }
        if openNow && openAt != nil { throw ValidationError(text("--open-now and --open-at cannot be used together", "--open-now 和 --open-at 不能同时使用")) }
    }

    func run() throws {
        let db = try global.openDatabase()
        let origin = crs.toWGS84(try Coordinate.parse(lat: lat, lon: lon))
        let now = Date()
        var openInstant: Date? = openNow ? now : nil
        if let openAt {
            guard let instant = ShanghaiTime.instant(from: openAt) else {
                throw FieldError(field: "open-at", value: openAt, reason: text(
                    "is not an ISO 8601 time like 2026-03-01T20:30 or 2026-03-01T12:30:00Z",
                    "不是 ISO 8601 时间，例如 2026-03-01T20:30 或 2026-03-01T12:30:00Z"))
            }
            openInstant = instant
        }
        let query = NearQuery(
            origin: origin, limit: limit, radius: radiusKm.map { $0 * 1000 },
            services: try ServiceSet.parse(services.joined(separator: ",")),
            kind: try kind.map { try StationKind.parse($0) }, openAt: openInstant, now: now)
        let found = try db.nearestStations(query)
        if output.json {
            try OutputOptions.printJSON(found.map { StationJSON($0, crs: output.outputCRS, regions: db.regions) })
            return
        }
        guard !found.isEmpty else {
            print(text("No open station matches.", "没有符合条件的开放站点。"))
            return
        }
        var table = Table(headers: [
            "#", text("NAME", "名称"), text("DISTANCE", "距离"), text("ON FOOT", "步行"), text("E-BIKE", "电动车"),
            text("NOW", "状态"), text("SERVICES", "服务"), text("ADDRESS", "地址"),
        ])
        for (index, nearby) in found.enumerated() {
            table.rows.append([
                "\(index + 1)", nearby.station.name, StationFormat.distance(nearby.distance),
                text("\(nearby.walkingMinutes) min", "\(nearby.walkingMinutes) 分钟"),
                text("\(nearby.ebikeMinutes) min", "\(nearby.ebikeMinutes) 分钟"),
                StationFormat.openState(nearby.isOpen), StationFormat.services(nearby.station.services),
                nearby.station.address,
            ])
        }
        print(table.render())
    }
}
