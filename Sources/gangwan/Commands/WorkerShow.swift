import ArgumentParser
import GangwanKit

/// `gangwan worker show ID [--reveal]`: one worker, masked unless revealed (which is audited).
struct WorkerShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one worker; personal data masked unless --reveal.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Worker id (or its first characters).") var worker: String
    @Flag(help: "Show the full ID number and phone (written to the audit trail).") var reveal = false
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let db = try global.openDatabase()
        let key = try db.personalDataKey(from: global.keyFile)
        let found = reveal
            ? try db.revealWorker(worker, key: key, actor: global.actorName)
            : try db.worker(worker, key: key)
        if json {
            try OutputOptions.printJSON(WorkerJSON(found, reveal: reveal))
        } else {
            print(WorkerFormat.detail(found, reveal: reveal, regions: db.regions))
        }
    }
}
