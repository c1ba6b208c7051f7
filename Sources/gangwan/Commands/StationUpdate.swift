import ArgumentParser
import GangwanKit

/// `gangwan station update ID`: changes only the fields given.
struct StationUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update", abstract: "Change the fields given; an empty value (\"\") clears an optional field.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id or code.") var station: String
    @OptionGroup var fields: StationFieldOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try global.openDatabase()
        let updated = try db.updateStation(station, fields.fields, crs: fields.coordinateSystem, actor: global.actorName)
        if output.json {
            try OutputOptions.printJSON(StationJSON(updated, crs: output.outputCRS, regions: db.regions))
        } else {
            print(updated.id.uuidString.lowercased())
        }
    }
}
