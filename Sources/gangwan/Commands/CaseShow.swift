import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan case show CASE`: the case, its worker (masked) and its timeline.
struct CaseShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a case, its worker (masked) and its history.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id (or its first characters).") var caseID: String
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let db = try global.openDatabase()
        let (found, events) = try db.caseWithHistory(caseID)
        let worker = try db.worker(found.workerID.storedText, key: try db.personalDataKey(from: global.keyFile))
        let today = ShanghaiTime.day(of: Date())
        if json {
            try OutputOptions.printJSON(CaseJSON(found, today: today, worker: worker, events: events))
        } else {
            print(CaseFormat.detail(found, worker: worker, events: events, today: today))
        }
    }
}
