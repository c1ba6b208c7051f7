import GRDB
import GRDBSQLite

/// The values of one row to insert, held in one buffer: made on one thread, then bound and run on
/// another without SQLite copying each text (`SQLITE_STATIC`), and freed as one allocation.
///
/// Binding `DatabaseValue`s copies every string into SQLite and frees each one afterwards: in an
/// import of a million stations that was a third of the writing thread's time, the thread every
/// other step waits for.
///
/// The statement is stepped with SQLite's own calls, past GRDB's bookkeeping (transaction
/// observers, which nothing here registers, and its record of bound arguments): run a statement
/// either this way or through GRDB, never both.
struct BoundRow: Sendable {
    private enum Value: Sendable {
        case null
        case integer(Int64)
        case real(Double)
        /// A range of `bytes`: UTF-8 text, or a blob.
        case text(Range<Int>)
        case blob(Range<Int>)
    }

    private var values: [Value] = []
    private var bytes: [UInt8] = []

    init(_ databaseValues: [DatabaseValue]) {
        values.reserveCapacity(databaseValues.count)
        // One allocation: a native string knows its UTF-8 length.
        bytes.reserveCapacity(1 + databaseValues.reduce(0) { total, value in
            switch value.storage {
            case .string(let text): total + text.utf8.count
            case .blob(let data): total + data.count
            default: total
            }
        })
        for value in databaseValues {
            switch value.storage {
            case .null: values.append(.null)
            case .int64(let number): values.append(.integer(number))
            case .double(let number): values.append(.real(number))
            case .string(let text):
                let start = bytes.count
                bytes.append(contentsOf: text.utf8)
                values.append(.text(start..<bytes.count))
            case .blob(let data):
                let start = bytes.count
                bytes.append(contentsOf: data)
                values.append(.blob(start..<bytes.count))
            }
        }
        // So that the buffer has an address even when every text is empty.
        bytes.append(0)
    }

    /// Binds the values to `statement`'s parameters, in order, and runs it once. The parameters are
    /// cleared afterwards: SQLite must not keep pointers into a buffer freed after this returns.
    func execute(_ statement: Statement) throws {
        let handle = statement.sqliteStatement
        precondition(values.count == Int(sqlite3_bind_parameter_count(handle)))
        try bytes.withUnsafeBytes { buffer in
            defer {
                sqlite3_reset(handle)
                sqlite3_clear_bindings(handle)
            }
            for (index, value) in values.enumerated() {
                let position = Int32(index + 1)
                let code = switch value {
                case .null: sqlite3_bind_null(handle, position)
                case .integer(let number): sqlite3_bind_int64(handle, position, number)
                case .real(let number): sqlite3_bind_double(handle, position, number)
                case .text(let range):
                    sqlite3_bind_text(handle, position, buffer.baseAddress!.advanced(by: range.lowerBound).assumingMemoryBound(to: CChar.self), Int32(range.count), nil)
                case .blob(let range): sqlite3_bind_blob(handle, position, buffer.baseAddress!.advanced(by: range.lowerBound), Int32(range.count), nil)
                }
                guard code == SQLITE_OK else { throw Self.error(code, handle) }
            }
            let code = sqlite3_step(handle)
            guard code == SQLITE_DONE else { throw Self.error(code, handle) }
        }
    }

    private static func error(_ code: Int32, _ handle: OpaquePointer) -> DatabaseError {
        DatabaseError(
            resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))),
            sql: sqlite3_sql(handle).map { String(cString: $0) })
    }
}
