import Foundation

/// The stations a batch's or page's creations make, checked and built from their changes on a
/// thread of their own, by the changes' positions; the merge takes each as it reaches it, waiting
/// only if it is not built yet.
///
/// Building needs no database, so it runs beside the merge instead of before it: the hub then
/// merges a pushed batch while the other core builds its stations (building them first, even on
/// both cores, held the write lock's work back by a fifth of a batch). A creation that fails to
/// build is left to the merge, which refuses it with its reason.
final class NewStations: @unchecked Sendable {
    /// A station built from its creation, and its row as inserted (with its field clocks), so that
    /// the merge, which holds the write lock, only binds it.
    struct Built: Sendable {
        var station: Station
        var row: BoundRow
    }

    private let condition = NSCondition()
    /// Guarded by `condition`: the station of each position built so far, and how many are.
    private var built: [Built?]
    private var done = 0

    init(_ changes: [SyncChange], context: MergeContext) {
        built = Array(repeating: nil, count: changes.count)
        guard changes.contains(where: Self.isBuildable) else {
            done = changes.count
            return
        }
        // A thread of its own rather than the shared dispatch pool, whose threads may all be busy
        // with requests (the hub answers every request on them) while the merge waits for this.
        Thread.detachNewThread { [self] in
            for (index, change) in changes.enumerated() {
                let station = Self.isBuildable(change)
                    ? try? Station.merging(change.fields, into: nil, id: change.id, actor: change.actor, context: context) : nil
                let made = station.map { Built(station: $0, row: BoundRow($0.databaseValues + [FieldClocks(creation: change).text.databaseValue])) }
                condition.withLock {
                    built[index] = made
                    done = index + 1
                    condition.broadcast()
                }
            }
        }
    }

    /// The station the change at `index` makes, once built; `nil` if it makes none or failed.
    func station(at index: Int) -> Built? {
        condition.withLock {
            while done <= index { condition.wait() }
            return built[index]
        }
    }

    /// A station's first change, with no field a station lacks (left to the merge, which refuses it).
    private static func isBuildable(_ change: SyncChange) -> Bool {
        change.entity == .station && change.isCreation && change.fields.keys.allSatisfy(Station.knownFieldNames.contains)
    }
}
