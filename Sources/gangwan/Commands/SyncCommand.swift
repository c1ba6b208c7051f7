import ArgumentParser
import Foundation
import GangwanKit
import GangwanSync

/// `gangwan sync`: exchange changes with the federation's hub; built for cron.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync", abstract: "Exchange changes with the central hub (run by cron), and show where this office stands.",
        subcommands: [SyncRun.self, SyncStatusCommand.self, SyncConflictsCommand.self, SyncDismissCommand.self], defaultSubcommand: SyncRun.self)
}

/// `gangwan sync [run]`: push the outbox, pull the feed.
struct SyncRun: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Push this office's changes to the hub, then pull everyone else's (the default).",
        discussion: """
            Exit codes: 0 in step; 65 some changes were rejected (see `gangwan sync status`); 75 the hub is \
            unreachable or busy, the deadline came, or another sync is running (safe to retry); 77 the token \
            was refused; 78 the endpoint or token is missing.
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var connection: SyncConnectionOptions
    @Flag(name: .long, help: "Check the hub and the token and count what would be pushed; change nothing.") var dryRun = false
    @Flag(name: .long, help: "Print nothing when all is well (for cron).") var quiet = false
    @Option(help: "Give up after this many seconds in all, retries included.") var deadline: Double = 300
    @Option(help: "Wait up to this many seconds for another sync of this database to end.") var wait: Double = 0
    @Option(help: ArgumentHelp(
        "Changes per request, 1 to \(PullPage.largestPage).",
        discussion: "Smaller on a slow or unreliable link: a request cut off halfway costs less to send again."))
    var pageSize = PullPage.largestPage

    func validate() throws {
        guard deadline > 0 else { throw ValidationError(text("--deadline must be more than 0 seconds", "--deadline 必须大于 0 秒")) }
        guard wait >= 0 else { throw ValidationError(text("--wait cannot be negative", "--wait 不能为负数")) }
        guard (1...PullPage.largestPage).contains(pageSize) else {
            throw ValidationError(text(
                "--page-size must be a whole number from 1 to \(PullPage.largestPage), not \(pageSize)",
                "--page-size 须为 1 至 \(PullPage.largestPage) 的整数，而不是 \(pageSize)"))
        }
    }

    func run() throws {
        let settings = try connection.settings()
        let lock = try SyncLock.acquire(databasePath: global.databasePath, wait: .milliseconds(Int(wait * 1000)))
        defer { withExtendedLifetime(lock) {} }
        let db = try global.openDatabase()
        let key = try db.personalDataKey(from: global.keyFile)
        let progress = quiet ? nil : Progress.onTerminal(label: text("changes", "条变更"))
        let client = SyncClient(
            database: db, key: key, endpoint: settings.endpoint, token: settings.token,
            client: RetryingClient(transport: CurlTransport(configuration: .init(caFile: settings.caFile))), pageSize: pageSize,
            progress: progress.map { bar in { bar.update($0.pushed + $0.pulled) } })
        let until = ContinuousClock.now + .milliseconds(Int(deadline * 1000))
        if dryRun {
            try client.check(deadline: until)
            let waiting = try db.syncStatus().outbox
            print(text("the hub answers and accepts the token; \(waiting) changes wait to be pushed", "中心服务器可连接，令牌有效；待推送 \(waiting) 条变更"))
            return
        }
        let summary = try client.run(deadline: until)
        progress?.finish()
        if !quiet || summary.rejected > 0 {
            print(text(
                "pushed \(summary.pushed), pulled \(summary.pulled), conflicts \(summary.conflicts), rejected \(summary.rejected)",
                "推送 \(summary.pushed)，拉取 \(summary.pulled)，冲突 \(summary.conflicts)，拒绝 \(summary.rejected)"))
            let awaiting = try db.changesAwaitingRegion()
            if awaiting > 0 {
                print(text(
                    "\(awaiting) changes of workers without a region (and their cases) wait here until they get one; see `gangwan sync status`",
                    "\(awaiting) 条变更属于未填区划的劳动者（及其案件），填写区划前暂不推送；请查看 `gangwan sync status`"))
            }
        }
        if summary.rejected > 0 {
            throw ExitStatus(code: ExitStatus.dataError, message: text(
                "\(summary.rejected) changes were rejected and are kept in quarantine; see `gangwan sync status`",
                "\(summary.rejected) 条变更被拒绝，已隔离保存；请查看 `gangwan sync status`"))
        }
    }
}

/// `gangwan sync status`: endpoint, last success, what waits, what was refused.
struct SyncStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show the endpoint, last success, cursor, waiting changes, quarantine and conflicts.")

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let status = try global.openDatabase().syncStatus()
        if json {
            try OutputOptions.printJSON(status)
            return
        }
        print(Detail.render([
            (text("endpoint", "中心地址"), status.endpoint ?? "-"),
            (text("last success", "上次成功"), status.lastSuccess ?? text("never", "从未")),
            (text("last failure", "上次失败"), status.lastFailure ?? "-"),
            (text("waiting to push", "待推送"), String(status.outbox) + (status.batchInFlight ? text(" (a batch is awaiting the hub's answer)", "（有一批等待中心应答）") : "")),
            (text("waiting for a region", "缺区划待推送"), status.awaitingRegion == 0 ? "0" : text(
                "\(status.awaitingRegion) (workers without a region, and their cases: gangwan worker update WORKER --region CODE)",
                "\(status.awaitingRegion)（劳动者未填区划，及其案件：gangwan worker update 劳动者 --region 区划代码）")),
            (text("quarantined", "已隔离"), String(status.quarantined)),
            (text("conflicts", "冲突"), String(status.conflicts)),
            (text("cursor", "拉取位置"), status.cursor ?? "-"),
            (text("may change", "可修改区划"), status.scope.map { $0.joined(separator: ", ") } ?? text("not known until the first sync", "首次同步后可知")),
            (text("node", "节点"), status.node),
        ]))
        guard !status.quarantine.isEmpty else { return }
        var table = Table(headers: [text("TIME", "时间"), text("DIRECTION", "方向"), text("RECORD", "记录"), text("REASON", "原因")])
        table.maxColumnWidth = 70
        for change in status.quarantine {
            table.rows.append([change.at, change.direction, "\(change.entity)/\(change.recordID)", change.reason])
        }
        print()
        print(table.render())
    }
}

/// `gangwan sync dismiss RECORD... | --all`: takes dealt-with changes off the quarantine list.
struct SyncDismissCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dismiss",
        abstract: "Remove the quarantined changes of the given records (as `sync status` lists them) once they are dealt with.",
        discussion: """
            The refused change itself is not sent again: correct the record (or enter it again within \
            your regions) and the next sync sends that. Each dismissal is recorded in the audit log.
            """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: "Record ids, as `sync status` lists them (entity/id or id).") var records: [String] = []
    @Flag(name: .long, help: "Dismiss every quarantined change.") var all = false

    func validate() throws {
        if all == !records.isEmpty {
            throw ValidationError(text("name the records to dismiss, or pass --all", "请指定要移除的记录，或使用 --all"))
        }
    }

    func run() throws {
        let dismissed = try global.openDatabase().dismissQuarantined(all ? nil : records, actor: global.actorName)
        print(text("quarantined changes dismissed: \(dismissed)", "已移除被隔离的变更：\(dismissed) 条"))
    }
}

/// `gangwan sync conflicts`: same-field edits that lost, so nobody's work disappears silently.
struct SyncConflictsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "conflicts", abstract: "List same-field edits that lost to a later edit elsewhere, newest first.")

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func run() throws {
        let conflicts = try global.openDatabase().syncConflicts()
        if json {
            try OutputOptions.printJSON(conflicts)
            return
        }
        var table = Table(headers: [
            text("RECORD", "记录"), text("FIELD", "字段"), text("KEPT", "保留值"), text("LOST", "被覆盖值"), text("LOST BY", "被覆盖者"),
        ])
        table.maxColumnWidth = 40
        for conflict in conflicts {
            table.rows.append([
                "\(conflict.entity)/\(conflict.recordID)", conflict.field, conflict.keptValue ?? "", conflict.lostValue ?? "", conflict.lostActor,
            ])
        }
        print(table.render())
    }
}
