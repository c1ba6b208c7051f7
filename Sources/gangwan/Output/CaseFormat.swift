import Foundation
import GangwanKit

/// How cases read in human output.
enum CaseFormat {
    /// The listing table: id, type, status, priority, worker group, assignee, due, money.
    static func listTable(_ cases: [SupportCase], today: String) -> Table {
        var table = Table(headers: [
            text("ID", "ID"), text("TYPE", "类型"), text("STATUS", "状态"), text("PRIORITY", "优先级"),
            text("GROUP", "群体"), text("ASSIGNEE", "承办人"), text("DUE", "期限"), text("RECOVERED", "追回"),
            text("ASSISTANCE", "帮扶"),
        ])
        for item in cases {
            table.rows.append([
                item.id.storedText, item.type.displayName, item.status.displayName,
                item.priority.displayName, item.workerGroup.displayName, item.assignee ?? "-",
                item.due + (item.isOverdue(today: today) ? text(" overdue", " 逾期") : ""),
                Money.yuan(item.recoveredFen), Money.yuan(item.assistanceFen),
            ])
        }
        return table
    }

    /// The case, its masked worker and its timeline.
    static func detail(_ item: SupportCase, worker: Worker, events: [CaseEvent], today: String) -> String {
        let lines: [(String, String)] = [
            (text("id", "ID"), item.id.storedText),
            (text("type", "类型"), item.type.displayName),
            (text("status", "状态"), item.status.displayName + (item.referredTo.map { " → \($0)" } ?? "")),
            (text("priority", "优先级"), item.priority.displayName),
            (text("summary", "摘要"), item.summary),
            (text("worker", "劳动者"), ["\(worker.name) (\(worker.group.displayName))", worker.idNumber?.masked, worker.phone?.masked]
                .compactMap { $0 }.joined(separator: " ")),
            (text("assignee", "承办人"), item.assignee ?? "-"),
            (text("office", "承办单位"), item.office ?? "-"),
            (text("opened", "立案"), ShanghaiTime.timestamp(of: item.openedAt)),
            (text("due", "期限"), item.due + (item.isOverdue(today: today) ? text(" (overdue)", "（逾期）") : "")),
            (text("claimed", "诉求金额"), item.claimedFen.map(Money.yuan) ?? "-"),
            (text("recovered", "已追回"), Money.yuan(item.recoveredFen)),
            (text("assistance", "已帮扶"), Money.yuan(item.assistanceFen)),
        ]
        var history = [text("history:", "办理记录：")]
        for event in events {
            var line = "  \(ShanghaiTime.timestamp(of: event.at))  \(event.kind.displayName)  \(event.text)"
            if let amount = event.amountFen { line += "  ¥\(Money.yuan(amount))" }
            if let corrected = event.corrects { line += text("  (corrects \(corrected.storedText))", "（更正 \(corrected.storedText)）") }
            history.append(line + "  — \(event.actor)  [\(event.id.storedText)]")
        }
        return Detail.render(lines) + "\n" + history.joined(separator: "\n")
    }
}
