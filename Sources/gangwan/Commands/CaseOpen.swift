import ArgumentParser
import GangwanKit

/// `gangwan case open`: opens a case for a worker and prints its id.
struct CaseOpen: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "open", abstract: "Open a case for a worker; prints the new case id.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Worker id (or its first characters).") var worker: String
    @Option(help: "wage-arrears 欠薪, labor-dispute, work-injury, legal-aid, hardship-relief, medical-aid, education-aid, employment-aid, other.")
    var type: String
    @Option(help: "What the worker needs, in a sentence.") var summary: String
    @Option(help: "low, normal, high or urgent. Default: urgent for wage arrears, else normal.") var priority: String?
    @Option(help: "The caseworker in charge.") var assignee: String?
    @Option(help: "The union office handling the case.") var office: String?
    @Option(help: "Due day, YYYY-MM-DD (may be past for a case entered late). Default: 15 days for wage arrears, else 30.") var due: String?
    @Option(parsing: .unconditional, help: "Yuan the worker claims (unpaid wages, compensation), e.g. 3600.50.") var claimed: String?
    @Flag(name: .customLong("allow-duplicate"), help: "Open it even if the worker has an unclosed case of this type.") var allowDuplicate = false

    func run() throws {
        let db = try global.openDatabase()
        let opening = CaseOpening(
            worker: worker, type: type, summary: summary, priority: priority, assignee: assignee, office: office, due: due,
            claimed: claimed, allowDuplicate: allowDuplicate)
        print(try db.openCase(opening, actor: global.actorName).id.storedText)
    }
}
