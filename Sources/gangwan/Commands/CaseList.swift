import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan case list`: cases by status, type, group, region, assignee, or overdue.
struct CaseList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List cases, newest first (overdue: most overdue first).")

    @OptionGroup var global: GlobalOptions
    @Option(help: "Only this status.") var status: String?
    @Option(help: "Only this type.") var type: String?
    @Option(help: "Only cases of workers in this group.") var group: String?
    @Option(help: "Only this region-code prefix (6301 = all of 西宁).") var region: String?
    @Option(help: "Only cases assigned to this caseworker.") var assignee: String?
    @Flag(help: "Only open cases past their due day.") var overdue = false
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let db = try global.openDatabase()
        let filter = CaseFilter(
            status: try status.map { try CaseStatus.parse($0) }, type: try type.map { try CaseType.parse($0) },
            group: try group.map { try WorkerGroup.parse($0) }, regionPrefix: try region.map { try db.regions.validate(prefix: $0) },
            assignee: assignee, overdue: overdue)
        let today = ShanghaiTime.day(of: Date())
        if json {
            // Streamed, so `| head` answers at once however many cases match.
            var array = JSONArrayWriter()
            try db.forEachCase(filter, today: today) { try array.append(CaseJSON($0, today: today)); return true }
            array.finish()
        } else {
            print(CaseFormat.listTable(try db.cases(filter, today: today), today: today).render())
        }
    }
}
