/// The hybrid clock of each field of one record: when its current value was written, anywhere, and
/// the time of the value it replaced as its writer saw it (its base). Two edits of one field conflict
/// when neither writer saw the other's value.
///
/// Stored in the record's `clock` column as `CREATED` or `CREATED;field=HLC<BASE;…`: a new record has
/// every field at one timestamp, so the common case is one value, and a later edit adds an entry for
/// each field it changed. A record from before sync existed has no clock: all its fields count as
/// older than any change.
struct FieldClocks: Equatable {
    struct Entry: Equatable {
        var clock: HybridClock.Timestamp
        var base: HybridClock.Timestamp?
    }

    private(set) var created: HybridClock.Timestamp?
    private(set) var entries: [String: Entry] = [:]

    init(created: HybridClock.Timestamp? = nil) {
        self.created = created
    }

    /// The clocks of the record a creation makes: every field as the change wrote it.
    init(creation change: SyncChange) {
        self.init(created: change.hlc)
        for field in change.fields.keys { set(field, to: change.clock(of: field), base: change.bases[field]) }
    }

    /// Reads the stored text; `nil` or unreadable text is a record with no clock.
    init(text: String?) {
        guard let text, !text.isEmpty else { return }
        // Most records were never edited since they were made: one timestamp, nothing to split.
        guard text.utf8.contains(UInt8(ascii: ";")) else {
            created = HybridClock.Timestamp(text: text)
            return
        }
        var parts = text.split(separator: ";")
        created = HybridClock.Timestamp(text: String(parts.removeFirst()))
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let stamps = part[part.index(after: equals)...].split(separator: "<")
            guard let clock = HybridClock.Timestamp(text: String(stamps[0])) else { continue }
            entries[String(part[..<equals])] = Entry(clock: clock, base: stamps.count > 1 ? HybridClock.Timestamp(text: String(stamps[1])) : nil)
        }
    }

    var text: String {
        let fields = entries.sorted { $0.key < $1.key }.map { name, entry in
            "\(name)=\(entry.clock.text)" + (entry.base.map { "<\($0.text)" } ?? "")
        }
        return ([created?.text ?? ""] + fields).joined(separator: ";")
    }

    /// When `field`'s current value was written; `nil` for a record from before sync.
    subscript(field: String) -> HybridClock.Timestamp? {
        entries[field]?.clock ?? created
    }

    /// The time of the value `field`'s current value replaced, as its writer saw it.
    func base(of field: String) -> HybridClock.Timestamp? {
        entries[field]?.base
    }

    /// Records that `field` was written at `clock` over the value of time `base`.
    mutating func set(_ field: String, to clock: HybridClock.Timestamp, base: HybridClock.Timestamp?) {
        entries[field] = clock == created && base == nil ? nil : Entry(clock: clock, base: base)
    }
}
