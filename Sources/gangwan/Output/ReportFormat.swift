import GangwanKit

/// The monthly report as text tables for the terminal.
enum ReportFormat {
    static func table(_ report: MonthlyReport) -> String {
        var out = [report.title]
        for section in report.sections {
            out.append("\n" + section.title)
            out.append(Table(headers: section.headers, rows: section.rows).render())
        }
        return out.joined(separator: "\n")
    }
}
