import ArgumentParser
import GangwanKit

/// `gangwan case log CASE --kind K --text T`: appends to the case's history; prints the event id.
struct CaseLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log", abstract: "Add a note, contact, visit, assistance, recovery or referral to a case; prints the event id.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Case id (or its first characters).") var caseID: String
    @Option(help: "note, contact, visit, assistance (amount given), recovery (wages recovered) or referral.") var kind: String
    @Option(help: "What happened.") var text: String
    @Option(parsing: .unconditional, help: "Yuan, at most two decimals; required for assistance and recovery.") var amount: String?
    @Option(help: "When it happened (ISO 8601, e.g. 2026-03-01T14:30 Beijing time). Default: now.") var at: String?
    @Option(help: "The id of the event this one corrects (events are never edited).") var corrects: String?

    func run() throws {
        let db = try global.openDatabase()
        let entry = CaseEntry(caseRef: caseID, kind: kind, text: text, amount: amount, at: at, corrects: corrects)
        let event = try db.logEvents([entry], actor: global.actorName)[0]
        print(event.id.storedText)
    }
}
