import ArgumentParser
import GangwanKit

/// `gangwan worker add`: registers a worker and prints the new id.
struct WorkerAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Register a worker; prints the new id.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: WorkerFieldOptions

    func validate() throws {
        try requireOptions(fields.fields, WorkerFields.required, forNew: text("worker", "劳动者"))
    }

    func run() throws {
        let db = try global.openDatabase()
        let key = try db.personalDataKey(from: global.keyFile)
        let worker = try db.addWorker(fields.fields, key: key, actor: global.actorName)
        print(worker.id.storedText)
    }
}
