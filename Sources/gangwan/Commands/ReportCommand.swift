import ArgumentParser
import Foundation
import GangwanKit

/// `gangwan report …`: statistics for the provincial federation.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Statistical reports.", subcommands: [ReportMonthly.self])
}

/// `gangwan report monthly --month YYYY-MM`: cases, money, workers and stations for one month.
struct ReportMonthly: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "monthly", abstract: "The monthly report for the provincial federation.")

    enum Format: String, CaseInsensitiveChoice, CaseIterable {
        case table, csv, json, html
    }

    @OptionGroup var global: GlobalOptions
    @Option(help: "The month, YYYY-MM (Beijing time).") var month: String
    @Option(help: "Only this region-code prefix (6301 = all of 西宁).") var region: String?
    @Option(help: "table, csv (for Excel), json or html (one printable file).") var format: Format = .table
    @Option(help: "Write to this file instead of standard output (replaced only when complete).") var output: String?

    func run() throws {
        let db = try global.openDatabase()
        let report = try db.monthlyReport(month: month, regionPrefix: try region.map { try db.regions.validate(prefix: $0) })
        let rendered: String
        switch format {
        case .table: rendered = ReportFormat.table(report)
        case .csv: rendered = report.csv
        case .html: rendered = report.html
        case .json: rendered = try OutputOptions.jsonText(report) + "\n"
        }
        guard let output else {
            print(rendered, terminator: rendered.hasSuffix("\n") ? "" : "\n")
            return
        }
        let file = try OutputFile(path: output)
        try file.write(Data(rendered.utf8))
        try file.commit()
    }
}
