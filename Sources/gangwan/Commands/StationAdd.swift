import ArgumentParser
import GangwanKit

/// `gangwan station add`: registers a station and prints its id.
struct StationAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a new station; prints its id.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var station: StationFieldOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try requireOptions(station.fields, StationFields.required, forNew: text("station", "站点"))
    }

    func run() throws {
        let db = try global.openDatabase()
        let added = try db.addStation(station.fields, crs: station.coordinateSystem, actor: global.actorName)
        if output.json {
            try OutputOptions.printJSON(StationJSON(added, crs: output.outputCRS, regions: db.regions))
        } else {
            print(added.id.uuidString.lowercased())
        }
    }
}
