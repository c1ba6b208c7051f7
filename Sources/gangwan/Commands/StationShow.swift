import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan station show ID`: one station in full.
struct StationShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one station by id or code.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Station id or code.") var station: String
    @OptionGroup var output: OutputOptions

    func run() throws {
        let db = try global.openDatabase()
        let found = try db.station(station)
        if output.json {
            try OutputOptions.printJSON(StationJSON(found, crs: output.outputCRS, regions: db.regions))
        } else {
            print(StationFormat.detail(found, crs: output.outputCRS, regions: db.regions, holidays: db.holidays, now: Date()))
        }
    }
}
