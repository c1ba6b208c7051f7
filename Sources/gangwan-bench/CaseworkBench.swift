import Foundation
import GangwanKit
import GRDB

/// The case-tracker benchmarks of issue 3: `gangwan-bench casework [--workers N] [--cases N] [--events N] [--work DIR] [--reuse yes]`.
struct CaseworkBench {
    var workers = 1_000_000
    var cases = 2_000_000
    var events = 10_000_000
    var appended = 100_000
    var processRuns = 30
    var work = "bench-data"
    var reuse = false
}

extension CaseworkBench {
    init(_ arguments: ArraySlice<String>) {
        self.init()
        let usage = """
            --workers N (\(workers)) --cases N (\(cases)) --events N (\(events)) --appended N (\(appended)) \
            --process-runs R (\(processRuns)) --work DIR (\(work)) --reuse yes
            """
        OptionPairs.read(arguments, command: "gangwan-bench casework", usage: usage) { name, value in
            switch name {
            case "--workers": workers = OptionPairs.count(value, name)
            case "--cases": cases = OptionPairs.count(value, name)
            case "--events": events = OptionPairs.count(value, name)
            case "--appended": appended = OptionPairs.count(value, name)
            case "--process-runs": processRuns = OptionPairs.count(value, name)
            case "--work": work = value
            case "--reuse": reuse = value == "yes"
            default: return false
            }
            return true
        }
    }

    func run(gangwan: URL) throws {
        let folder = URL(fileURLWithPath: work)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("casework-\(workers)-\(cases)-\(events).sqlite").path
        print("gangwan-bench casework: \(workers) workers, \(cases) cases, \(events) events, in \(folder.path)")
        if !(reuse && FileManager.default.fileExists(atPath: path)) {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            let seconds = try Timer.measure { try SyntheticCasework.populate(path: path, workers: workers, cases: cases, events: events) }
            print(String(format: "generated the database in %.0f s", seconds))
        }
        // As the station benchmarks do: this machine's kernel pages out idle file pages.
        try PageCache.warm(path)
        let db = try GangwanDatabase.open(path: path)
        let today = ShanghaiTime.day(of: Date())

        var firstRows: [Double] = []
        for _ in 0..<50 {
            var seen = 0
            firstRows.append(try Timer.measure {
                try db.forEachCase(CaseFilter(overdue: true), today: today) { _ in seen += 1; return seen < 20 }
            })
        }
        print(String(format: "case list --overdue, first 20 rows in-process: median %.2f ms, p99 %.2f ms",
                     Stats.percentile(firstRows, 50) * 1e3, Stats.percentile(firstRows, 99) * 1e3))

        var heads: [Double] = []
        for _ in 0..<processRuns {
            heads.append(try ChildProcess.timeToLines(gangwan, ["case", "list", "--overdue", "--json", "--db", path], lines: 20))
        }
        print(String(format: "gangwan case list --overdue --json | head -20 as a whole process: median %.1f ms, p99 %.1f ms   [target ≤ 100 ms]",
                     Stats.percentile(heads, 50) * 1e3, Stats.percentile(heads, 99) * 1e3))

        var reports: [Double] = []
        for _ in 0..<5 {
            reports.append(try Timer.measure { _ = try db.monthlyReport(month: "2026-10") })
        }
        print(String(format: "report monthly --month 2026-10 in-process: median %.2f s, worst %.2f s   [target ≤ 2 s]",
                     Stats.percentile(reports, 50), reports.max() ?? .nan))
        let reportRun = try ChildProcess.run(gangwan, ["report", "monthly", "--month", "2026-10", "--format", "html", "--db", path])
        guard reportRun.status == 0 else { fatalError("report failed: \(reportRun.stderr)") }
        print(String(format: "gangwan report monthly --format html as a whole process: %.2f s", reportRun.seconds))

        let open = try DatabaseQueue(path: path).read { db in
            try String.fetchAll(db, sql: "SELECT id FROM support_case WHERE status NOT IN ('resolved', 'closed') LIMIT 10000")
        }
        var random = SeededGenerator(seed: 50_000)
        // Two spreads: a day's work of a few offices (1,000 cases) and a sync pull touching 10,000 cases,
        // each page of whose history index is a random write.
        for spread in [1_000, 10_000] {
            let entries = (0..<appended).map { index in
                let caseID = open[Int.random(in: 0..<min(spread, open.count), using: &random)]
                return index % 5 == 0
                    ? CaseEntry(caseRef: caseID, kind: "assistance", text: "慰问金", amount: "300.50")
                    : CaseEntry(caseRef: caseID, kind: "contact", text: "电话联系，告知进展")
            }
            let seconds = try Timer.measure { _ = try db.logEvents(entries, actor: "bench") }
            print(String(format: "event append in one transaction, spread over %d cases: %d events in %.2f s = %.0f events/s   [target ≥ 50,000 events/s]",
                         spread, appended, seconds, Double(appended) / seconds))
        }

        var logs: [Double] = []
        for index in 0..<processRuns {
            let run = try ChildProcess.run(gangwan, ["case", "log", open[index], "--kind", "note", "--text", "回访", "--db", path])
            guard run.status == 0 else { fatalError("case log failed: \(run.stderr)") }
            logs.append(run.seconds)
        }
        print(String(format: "gangwan case log as a whole process: median %.1f ms, p99 %.1f ms over %d runs   [target ≤ 30 ms]",
                     Stats.percentile(logs, 50) * 1e3, Stats.percentile(logs, 99) * 1e3, logs.count))
    }
}
