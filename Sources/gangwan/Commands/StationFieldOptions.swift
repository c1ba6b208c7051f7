import ArgumentParser
import GangwanKit

/// The station fields `add` and `update` take; absent options leave a field as it is.
struct StationFieldOptions: ParsableArguments {
    @Option(help: "Station name.") var name: String?
    @Option(help: "harbor 劳动者港湾, love-station 爱心驿站, union-station 工会驿站 or other 其他.") var kind: String?
    @Option(parsing: .unconditional, help: "Latitude in --crs.") var lat: String?
    @Option(parsing: .unconditional, help: "Longitude in --crs.") var lon: String?
    @Option(help: "Coordinate system of --lat/--lon: wgs84 (default), gcj02 (Amap, Tencent) or bd09 (Baidu).") var crs: CoordinateSystem?
    @Option(help: "6-digit GB/T 2260 county code, e.g. 630103.") var region: String?
    @Option(help: "The federation's station number (unique).") var code: String?
    @Option(help: "Street address.") var address: String?
    @Option(help: "Services, comma-separated codes or Chinese labels, e.g. water,hot-meal,如厕.") var services: String?
    @Option(help: "Opening hours, e.g. \"Mo-Fr 08:00-20:00; Sa,Su 09:00-18:00; PH off\" (docs/opening-hours.md).") var hours: String?
    @Option(help: "Public contact number of the station.") var phone: String?
    @Option(help: "Host organisation (依托单位).") var host: String?
    @Option(parsing: .unconditional, help: "Number of seats.") var seats: String?

    /// A position is given whole, and a coordinate system only with one.
    func validate() throws {
        if (lat == nil) != (lon == nil) { throw ValidationError(text("--lat and --lon go together", "--lat 和 --lon 必须同时给出")) }
        if crs != nil && lat == nil { throw ValidationError(text("--crs is only used with --lat and --lon", "--crs 只能与 --lat 和 --lon 一起使用")) }
    }

    /// The coordinate system of --lat/--lon.
    var coordinateSystem: CoordinateSystem { crs ?? .wgs84 }

    var fields: StationFields {
        var fields = StationFields()
        fields.name = name
        fields.kind = kind
        fields.lat = lat
        fields.lon = lon
        fields.region = region
        fields.code = code
        fields.address = address
        fields.services = services
        fields.hours = hours
        fields.phone = phone
        fields.host = host
        fields.seats = seats
        return fields
    }
}
