import Foundation
import GRDB

/// One entry in a case's append-only history: never edited, never deleted.
public struct CaseEvent: Sendable, Equatable, Identifiable {
    public var id: UUID
    public var caseID: UUID
    /// The case's type and region, copied for reports.
    public var caseType: CaseType
    public var caseRegion: String?
    public var kind: CaseEventKind
    /// When it happened, as the caseworker reports it.
    public var at: Date
    /// When it was written down.
    public var recordedAt: Date
    public var actor: String
    public var text: String
    /// Money or goods given, or wages recovered, in fen.
    public var amountFen: Int64?
    /// The event this one corrects; its amount replaces the corrected one's in every total.
    public var corrects: UUID?
    /// What this event adds to the case's totals: its amount less the amount it corrects.
    public var deltaFen: Int64
}

/// The event a correction names, as the correction needs it: the one rule for what may correct
/// what, and by how much, for an event logged here and one received by sync.
struct CorrectedEvent {
    let caseID: String
    let kind: String
    let amountFen: Int64

    /// Event `id`, or `nil` when it is unknown here.
    static func load(_ db: Database, id: String) throws -> CorrectedEvent? {
        let statement = try db.cachedStatement(sql: "SELECT case_id, kind, amount_fen FROM case_event WHERE id = ?")
        return try Row.fetchOne(statement, arguments: [id]).map { CorrectedEvent(caseID: $0["case_id"], kind: $0["kind"], amountFen: $0["amount_fen"] ?? 0) }
    }

    /// The event that corrects event `id`, if one does: an event is corrected at most once.
    static func correction(of id: String, _ db: Database) throws -> CaseEvent? {
        try CaseEvent.fetchOne(db.cachedStatement(sql: "SELECT * FROM case_event WHERE corrects = ?"), arguments: [id])
    }

    /// Whether an event of `kind` on case `caseID` may correct it: only one of its own case and kind.
    func mayBeCorrected(onCase caseID: UUID, by kind: CaseEventKind) -> Bool {
        self.caseID == caseID.storedText && self.kind == kind.rawValue
    }

    /// What a correction of `amount` adds to its case's total: its amount replaces this one's.
    func delta(of amount: Int64?) -> Int64 {
        (amount ?? 0) - amountFen
    }
}

// MARK: - Database

extension CaseEvent: FetchableRecord, TableRecord {
    public static let databaseTableName = "case_event"

    public init(row: Row) throws {
        guard let id = UUID(storedText: row["id"]), let caseID = UUID(storedText: row["case_id"]) else {
            throw StoreError.corrupt("event id \(row["id"] as String)")
        }
        self.init(
            id: id, caseID: caseID, caseType: CaseType(rawValue: row["case_type"]) ?? .other, caseRegion: row["case_region"],
            kind: CaseEventKind(rawValue: row["kind"]) ?? .note, at: try DatabaseTimestamp.date(row["at"]),
            recordedAt: try DatabaseTimestamp.date(row["recorded_at"]), actor: row["actor"], text: row["text"], amountFen: row["amount_fen"],
            corrects: (row["corrects"] as String?).flatMap(UUID.init(storedText:)), deltaFen: row["delta_fen"])
    }

    /// Moves its case's total of its kind (assistance or recovered money) by `fen`: by its
    /// `deltaFen` when a received event joins the history, back by it when one is withdrawn.
    /// (Events logged here add to the totals once per batch: see `EventBatch.saveTotals`.)
    func moveCaseTotals(_ db: Database, by fen: Int64) throws {
        guard fen != 0, kind == .assistance || kind == .recovery else { return }
        let column = kind == .assistance ? "assistance_fen" : "recovered_fen"
        try db.cachedStatement(sql: "UPDATE support_case SET \(column) = \(column) + ? WHERE id = ?").execute(arguments: [fen, caseID.storedText])
    }

    /// Appends the event; `recordedAtText` saves formatting the batch's one recording time per row.
    func insert(_ db: Database, recordedAtText: String? = nil) throws {
        try db.cachedStatement(sql: """
            INSERT INTO case_event (id, case_id, case_type, case_region, kind, at, recorded_at, actor, text, amount_fen, corrects, delta_fen)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [
                id.storedText, caseID.storedText, caseType.rawValue, caseRegion, kind.rawValue,
                at == recordedAt ? recordedAtText ?? DatabaseTimestamp.text(at) : DatabaseTimestamp.text(at),
                recordedAtText ?? DatabaseTimestamp.text(recordedAt),
                actor, text, amountFen, corrects?.storedText, deltaFen,
            ])
    }
}
