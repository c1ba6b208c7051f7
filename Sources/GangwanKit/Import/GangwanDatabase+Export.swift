import Foundation
import GRDB

/// The file formats `station export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    /// The import format (UTF-8 with BOM for Excel); import reads it back to the same records.
    case csv
    /// An array of station objects, as `--json` prints them.
    case json
    /// An RFC 7946 FeatureCollection of points, for map tools.
    case geojson
}

extension GangwanDatabase {
    /// The CSV columns export writes, in order: import reads every one of them.
    static let exportColumns: [StationColumn] = [
        .id, .code, .name, .kind, .status, .statusReason, .lat, .lon, .region, .address, .services, .hours, .phone, .host, .seats, .verified,
    ]

    /// Streams every station that is not removed to `write`, in region and name order.
    ///
    /// Positions are converted to `crs`; only WGS-84 CSV round-trips bit for bit.
    public func exportStations(format: ExportFormat, crs: CoordinateSystem, write: (String) throws -> Void) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try writer.read { db in
            let stations = try StationFilter().request(now: Date()).fetchCursor(db)
            switch format {
            case .csv:
                try write("\u{FEFF}" + CSVWriter.line(Self.exportColumns.map(\.rawValue)))
                while let station = try stations.next() {
                    try write(CSVWriter.line(Self.csvFields(station, crs: crs).map(SpreadsheetText.guarded)))
                }
            case .json, .geojson:
                try write(format == .json ? "[\n" : "{\"type\":\"FeatureCollection\",\"features\":[\n")
                var first = true
                while let station = try stations.next() {
                    let document = StationJSON(station, crs: crs, regions: regions)
                    let body = format == .json
                        ? try encoder.encode(document)
                        : try encoder.encode(GeoJSONFeature(document))
                    try write((first ? "" : ",\n") + String(decoding: body, as: UTF8.self))
                    first = false
                }
                try write(format == .json ? "\n]\n" : "\n]}\n")
            }
        }
    }

    private static func csvFields(_ station: Station, crs: CoordinateSystem) -> [String] {
        let position = crs.fromWGS84(station.position)
        return exportColumns.map { column in
            switch column {
            case .id: station.id.storedText
            case .code: station.code ?? ""
            case .name: station.name
            case .kind: station.kind.rawValue
            case .status: station.status.rawValue
            case .statusReason: station.statusReason ?? ""
            case .lat: "\(position.latitude)"
            case .lon: "\(position.longitude)"
            case .region: station.region
            case .address: station.address
            case .services: station.services.services.map(\.rawValue).joined(separator: ";")
            case .hours: station.hours?.description ?? ""
            case .phone: station.phone ?? ""
            case .host: station.host ?? ""
            case .seats: station.seats.map(String.init) ?? ""
            case .verified: station.verifiedOn ?? ""
            }
        }
    }
}

/// One station as a GeoJSON point feature; its properties are the `--json` object.
private struct GeoJSONFeature: Encodable {
    struct Point: Encodable {
        let type = "Point"
        let coordinates: [Double]
    }

    let type = "Feature"
    let id: String
    let geometry: Point
    let properties: StationJSON

    init(_ station: StationJSON) {
        id = station.id
        geometry = Point(coordinates: [station.lon, station.lat])
        properties = station
    }
}
