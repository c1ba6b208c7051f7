import ArgumentParser
import GangwanKit

/// `gangwan case assign CASE --to NAME`.
struct CaseAssign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "assign", abstract: "Give a case to a caseworker.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id (or its first characters).") var caseID: String
    @Option(help: "The caseworker.") var to: String

    func run() throws {
        let db = try global.openDatabase()
        let changed = try db.assignCase(caseID, to: to, actor: global.actorName)
        print("\(changed.id.storedText): \(changed.assignee ?? "-")")
    }
}
