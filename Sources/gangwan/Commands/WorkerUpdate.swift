import ArgumentParser
import GangwanKit

/// `gangwan worker update ID`: changes the fields given.
struct WorkerUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "update", abstract: "Change a worker's fields (an empty value clears one).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Worker id (or its first characters).") var worker: String
    @OptionGroup var fields: WorkerFieldOptions
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let db = try global.openDatabase()
        let key = try db.personalDataKey(from: global.keyFile)
        let updated = try db.updateWorker(worker, fields.fields, key: key, actor: global.actorName)
        if json {
            try OutputOptions.printJSON(WorkerJSON(updated, reveal: false))
        } else {
            print(WorkerFormat.detail(updated, reveal: false, regions: db.regions))
        }
    }
}
