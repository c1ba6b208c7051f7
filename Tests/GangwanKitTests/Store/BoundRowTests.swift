import Foundation
import GRDB
import Testing
@testable import GangwanKit

/// `BoundRow` binds values from its own buffer: every kind of value must arrive as given, and a
/// failed step must leave the statement ready for the next row.
@Suite struct BoundRowTests {
    @Test func everyKindOfValueIsStoredAsGiven() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (a, b, c, d, e, f, g)")
            let insert = try db.makeStatement(sql: "INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)")
            let values: [DatabaseValue] = [
                .null, Int64(-42).databaseValue, 2.5.databaseValue, "劳动者港湾 water".databaseValue, "".databaseValue,
                Data([0, 1, 0xFF]).databaseValue, Data().databaseValue,
            ]
            try BoundRow(values).execute(insert)
            let row = try #require(try Row.fetchOne(db, sql: "SELECT * FROM t"))
            #expect(Array(row.databaseValues) == values)
            let types = try String.fetchAll(db, sql: """
                SELECT typeof(a) FROM t UNION ALL SELECT typeof(e) FROM t UNION ALL SELECT typeof(g) FROM t
                """)
            #expect(types == ["null", "text", "blob"])
        }
    }

    @Test func aFailedRowThrowsAndTheNextOneIsStored() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (code TEXT NOT NULL UNIQUE)")
            let insert = try db.makeStatement(sql: "INSERT INTO t VALUES (?)")
            try BoundRow(["A1".databaseValue]).execute(insert)
            #expect(throws: DatabaseError.self) { try BoundRow(["A1".databaseValue]).execute(insert) }
            #expect(throws: DatabaseError.self) { try BoundRow([.null]).execute(insert) }
            try BoundRow(["A2".databaseValue]).execute(insert)
            #expect(try String.fetchAll(db, sql: "SELECT code FROM t ORDER BY code") == ["A1", "A2"])
        }
    }
}
