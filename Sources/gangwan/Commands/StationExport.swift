import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan station export`: every station as CSV, JSON or GeoJSON.
struct StationExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export all stations as CSV (re-importable), JSON or GeoJSON.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "csv, json or geojson.") var format: ExportFormat = .csv
    @Option(name: .customLong("output-crs"), help: "Coordinate system of exported positions: wgs84, gcj02 or bd09.") var outputCRS: CoordinateSystem = .wgs84
    @Option(help: "Write to this file instead of standard output (written in full, then moved into place).") var output: String?

    func run() throws {
        let db = try global.openDatabase()
        guard let output else {
            try db.exportStations(format: format, crs: outputCRS) { FileHandle.standardOutput.write(Data($0.utf8)) }
            return
        }
        let file = try OutputFile(path: output)
        try db.exportStations(format: format, crs: outputCRS) { try file.write(Data($0.utf8)) }
        try file.commit()
    }
}

extension ExportFormat: CaseInsensitiveChoice {}
