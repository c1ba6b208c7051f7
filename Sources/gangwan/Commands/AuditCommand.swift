import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan audit`: who changed what, when; personal data never appears in it.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Show the audit trail, oldest first; --actor NAME shows only that person's changes.")

    @OptionGroup var global: GlobalOptions
    @Option(help: "From this day (YYYY-MM-DD, Beijing time).") var since: String?
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let db = try global.openDatabase()
        let entries = try db.auditTrail(since: since, actor: global.actor)
        if json {
            try OutputOptions.printJSON(entries.map(AuditJSON.init))
            return
        }
        var table = Table(headers: [text("TIME", "时间"), text("ACTOR", "操作人"), text("ACTION", "操作"), text("RECORD", "记录"), text("DETAIL", "内容")])
        table.maxColumnWidth = 60
        for entry in entries {
            let detail = entry.detail.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            table.rows.append([ShanghaiTime.timestamp(of: entry.at), entry.actor, entry.action, entry.subject, detail])
        }
        print(table.render())
    }
}
