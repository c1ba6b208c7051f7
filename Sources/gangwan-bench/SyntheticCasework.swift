import Foundation
import GangwanKit
import GRDB

/// Deterministic synthetic workers, cases and events over two years, written straight into the tables.
///
/// Writing rows directly (instead of through `addWorker`/`openCase`, one transaction each) makes 13
/// million rows in a couple of minutes; the operations the benchmark then measures all go through
/// GangwanKit or the `gangwan` binary. Sealed fields hold random bytes of the real sizes, so the
/// table is as large as a real one; the audit trail is not filled.
enum SyntheticCasework {
    /// The data's "today": every time lies in the two years before it.
    static let now = ShanghaiTime.instant(from: "2026-11-24T12:00:00+08:00")!
    static let start = ShanghaiTime.instant(from: "2024-12-01T00:00:00+08:00")!

    static let groups: [(String, Int)] = [("gig", 40), ("migrant", 35), ("hardship", 20), ("other", 5)]
    static let types: [(String, Int)] = [
        ("wage-arrears", 35), ("labor-dispute", 10), ("work-injury", 8), ("legal-aid", 12), ("hardship-relief", 15),
        ("medical-aid", 7), ("education-aid", 5), ("employment-aid", 6), ("other", 2),
    ]
    static let kinds: [(String, Int)] = [("note", 40), ("contact", 25), ("visit", 10), ("assistance", 12), ("recovery", 8), ("referral", 5)]

    static func populate(path: String, workers: Int, cases: Int, events: Int) throws {
        _ = try GangwanDatabase.open(path: path)  // creates and migrates
        var configuration = Configuration()
        configuration.prepareDatabase { try $0.execute(sql: "PRAGMA cache_size = -1000000") }
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        var random = SeededGenerator(seed: 1_000_000)
        let counties = RegionTable.bundled.regions.filter { $0.level == .county }.map(\.code)
        let span = now.timeIntervalSince(start)

        var workerIDs: [String] = []
        var workerGroups: [String] = []
        var workerRegions: [String] = []
        var workerCreated: [Double] = []
        try queue.write { db in
            let insert = try db.makeStatement(sql: """
                INSERT INTO worker (id, name, worker_group, id_number_sealed, id_number_index, phone_sealed, phone_index,
                                    region, created_at, updated_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')
                """)
            for index in 0..<workers {
                let id = uuid(&random)
                let group = pick(groups, &random)
                let region = counties.randomElement(using: &random)!
                let created = Double.random(in: 0..<span, using: &random)
                let stamp = DatabaseTimestamp.text(start.addingTimeInterval(created))
                try insert.execute(arguments: [
                    id, "工人\(index)", group, bytes(46, &random), bytes(32, &random), bytes(39, &random), bytes(32, &random),
                    region, stamp, stamp,
                ])
                workerIDs.append(id)
                workerGroups.append(group)
                workerRegions.append(region)
                workerCreated.append(created)
            }
        }

        let eventsPerCase = Double(events) / Double(cases)
        var written = 0
        for batchStart in stride(from: 0, to: cases, by: 100_000) {
            try queue.write { db in
                let insertCase = try db.makeStatement(sql: """
                    INSERT INTO support_case (id, worker_id, type, status, priority, summary, due, claimed_fen, assistance_fen,
                        recovered_fen, worker_group, region, opened_at, updated_at, referred_to, referred_at, resolved_at,
                        closed_at, settled_at, actor) VALUES (?, ?, ?, ?, ?, '合成案件', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')
                    """)
                let insertEvent = try db.makeStatement(sql: """
                    INSERT INTO case_event (id, case_id, case_type, case_region, kind, at, recorded_at, actor, text, amount_fen, delta_fen)
                    VALUES (?, ?, ?, ?, ?, ?, ?, 'bench', '合成记录', ?, ?)
                    """)
                for caseIndex in batchStart..<min(cases, batchStart + 100_000) {
                    let worker = Int.random(in: 0..<workers, using: &random)
                    let type = pick(types, &random)
                    let openedOffset = Double.random(in: workerCreated[worker]..<span, using: &random)
                    let opened = start.addingTimeInterval(openedOffset)
                    let age = span - openedOffset
                    let dueDays = type == "wage-arrears" ? 15.0 : 30.0
                    let due = ShanghaiTime.day(of: opened.addingTimeInterval(dueDays * 86_400))
                    let settles = Double.random(in: 0..<1, using: &random) < (age > 60 * 86_400 ? 0.85 : 0.4)
                    let referred = Double.random(in: 0..<1, using: &random) < 0.15
                    let resolved = settles ? min(now, opened.addingTimeInterval(Double.random(in: 86_400..<45 * 86_400, using: &random))) : nil
                    let closed = resolved.flatMap { day in
                        Bool.random(using: &random) ? min(now, day.addingTimeInterval(Double.random(in: 0..<10 * 86_400, using: &random))) : nil
                    }
                    let referredAt = referred ? min(now, opened.addingTimeInterval(Double.random(in: 0..<5 * 86_400, using: &random))) : nil
                    let status = closed != nil ? "closed" : resolved != nil ? "resolved" : referred ? "referred"
                        : (Bool.random(using: &random) ? "in-progress" : "open")
                    let caseID = uuid(&random)
                    let lastEvent = (resolved ?? now).timeIntervalSince(opened)
                    // Every case gets events until the requested total is reached on average.
                    let target = Int((Double(caseIndex + 1) * eventsPerCase).rounded()) - written
                    var assistance: Int64 = 0
                    var recovered: Int64 = 0
                    var pending: [StatementArguments] = []
                    for _ in 0..<max(0, target) {
                        let kind = pick(kinds, &random)
                        let at = DatabaseTimestamp.text(opened.addingTimeInterval(Double.random(in: 0..<max(lastEvent, 1), using: &random)))
                        let amount: Int64? = kind == "assistance" || kind == "recovery" ? Int64.random(in: 100...1_000_000, using: &random) : nil
                        if kind == "assistance" { assistance += amount! }
                        if kind == "recovery" { recovered += amount! }
                        pending.append([uuid(&random), caseID, type, workerRegions[worker], kind, at, at, amount, amount ?? 0])
                    }
                    written += pending.count
                    let openedText = DatabaseTimestamp.text(opened)
                    try insertCase.execute(arguments: [
                        caseID, workerIDs[worker], type, status, type == "wage-arrears" ? "urgent" : "normal", due,
                        type == "wage-arrears" ? Int64.random(in: 100_000...5_000_000, using: &random) : nil,
                        assistance, recovered, workerGroups[worker], workerRegions[worker], openedText,
                        DatabaseTimestamp.text(closed ?? resolved ?? opened), referred ? "劳动监察" : nil,
                        referredAt.map(DatabaseTimestamp.text), resolved.map(DatabaseTimestamp.text),
                        closed.map(DatabaseTimestamp.text), resolved.map(DatabaseTimestamp.text),
                    ])
                    for arguments in pending { try insertEvent.execute(arguments: arguments) }
                }
            }
        }
    }

    private static func pick(_ weighted: [(String, Int)], _ random: inout SeededGenerator) -> String {
        var roll = Int.random(in: 0..<weighted.reduce(0) { $0 + $1.1 }, using: &random)
        for (value, weight) in weighted {
            if roll < weight { return value }
            roll -= weight
        }
        return weighted[0].0
    }

    /// A version-4 UUID from the seeded generator, so every run makes the same ids.
    private static func uuid(_ random: inout SeededGenerator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
        bytes[6] = bytes[6] & 0x0F | 0x40
        bytes[8] = bytes[8] & 0x3F | 0x80
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    private static func bytes(_ count: Int, _ random: inout SeededGenerator) -> Data {
        Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &random) })
    }
}
