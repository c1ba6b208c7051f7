import ArgumentParser
import GangwanKit

/// `gangwan worker list`: workers by group and region.
struct WorkerList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List workers, by name.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this group.") var group: String?
    @Option(help: "Only this region-code prefix (6301 = all of 西宁).") var region: String?
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let db = try global.openDatabase()
        let key = try db.personalDataKey(from: global.keyFile)
        let filter = WorkerFilter(
            group: try group.map { try WorkerGroup.parse($0) }, regionPrefix: try region.map { try db.regions.validate(prefix: $0) })
        try WorkerFormat.print(try db.workers(filter, key: key), json: json)
    }
}
