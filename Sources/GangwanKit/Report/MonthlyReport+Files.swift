import Foundation

extension MonthlyReport {
    /// The report as CSV for Excel: UTF-8 with a byte-order mark, one block per section.
    public var csv: String {
        var lines = ["\u{FEFF}" + CSVWriter.line([title])]
        for section in sections {
            lines.append("\r\n" + CSVWriter.line([section.title]))
            lines.append(CSVWriter.line(section.headers))
            lines += section.rows.map(CSVWriter.line)
        }
        return lines.joined()
    }

    /// The report as one self-contained HTML page (inline CSS and SVG charts, nothing fetched) to open or print.
    public var html: String {
        var body = "<h1>\(Self.escape(title))</h1>\n"
        let charts: [Int: [(String, Double)]] = [
            0: cases.reduce(into: [String: Double]()) { $0[Self.typeLabel($1.type), default: 0] += Double($1.counts.opened) }
                .sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
            1: money.map { (Self.typeLabel($0.type), Double($0.assistanceFen + $0.recoveredFen) / 100) },
            4: stations.map { ($0.name, Double($0.total)) },
        ]
        for (index, section) in sections.enumerated() {
            body += "<section>\n<h2>\(Self.escape(section.title))</h2>\n"
            if let bars = charts[index], !bars.isEmpty { body += Self.barChart(bars) }
            body += "<table>\n<tr>" + section.headers.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr>\n"
            for row in section.rows {
                body += "<tr>" + row.enumerated().map { column, cell in
                    column == 0 ? "<td>\(Self.escape(cell))</td>" : "<td class=\"n\">\(Self.escape(cell))</td>"
                }.joined() + "</tr>\n"
            }
            body += "</table>\n</section>\n"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <title>\(Self.escape(title))</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #999; padding: 0.25em 0.6em; }
            th { background: #eee; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; }
            section { page-break-inside: avoid; }
            svg text { font-size: 12px; }
            @media print { body { margin: 1cm; } }
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    /// A horizontal bar chart as inline SVG.
    private static func barChart(_ bars: [(String, Double)]) -> String {
        let largest = max(bars.map(\.1).max() ?? 0, 1)
        let rowHeight = 22, labelWidth = 140, barWidth = 360
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(labelWidth + barWidth + 90)\" height=\"\(bars.count * rowHeight + 4)\" role=\"img\">\n"
        for (index, bar) in bars.enumerated() {
            let y = index * rowHeight
            let width = Int((bar.1 / largest * Double(barWidth)).rounded())
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 15)\" text-anchor=\"end\">\(escape(bar.0))</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(width)\" height=\"\(rowHeight - 6)\" fill=\"#c0392b\"/>"
            svg += "<text x=\"\(labelWidth + width + 6)\" y=\"\(y + 15)\">\(String(format: "%g", bar.1))</text>\n"
        }
        return svg + "</svg>\n"
    }

    private static func typeLabel(_ code: String) -> String {
        CaseType(rawValue: code)?.displayName ?? code
    }

    private static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
