import ArgumentParser
import GangwanKit

/// `gangwan case status CASE NEW`: moves a case along its lifecycle.
struct CaseStatusChange: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Change a case's status: in-progress, referred (--to), resolved, closed, reopened (--reason).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id (or its first characters).") var caseID: String
    @Argument(help: "The new status.") var status: String
    @Option(help: "Why (required to reopen).") var reason: String?
    @Option(help: "Where the case is referred: 劳动监察, 劳动仲裁, 法律援助中心, 人民法院…") var to: String?

    func run() throws {
        let db = try global.openDatabase()
        let changed = try db.setCaseStatus(caseID, status, reason: reason, to: to, actor: global.actorName)
        print("\(changed.id.storedText): \(changed.status.displayName)")
    }
}
