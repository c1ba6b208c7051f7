import Foundation
import GangwanHub
import GangwanKit
import GRDB

/// The sysexits code and message for an error the hub's library throws.
struct HubExitStatus {
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let temporaryFailure: Int32 = 75
    static let configurationError: Int32 = 78

    let code: Int32
    let message: String

    /// Classifies a library error; `nil` leaves the error to ArgumentParser.
    init?(_ error: any Error) {
        switch error {
        case let failure as HubCommandFailure:
            self.init(code: failure.code, message: failure.message)
        case let error as HubStoreError:
            self.init(code: Self.dataError, message: error.localizedDescription)
        case let error as StoreError:
            if case .cannotOpen = error {
                self.init(code: Self.cannotCreate, message: error.localizedDescription)
            } else {
                self.init(code: Self.dataError, message: error.localizedDescription)
            }
        case let error as PrivacyError:
            self.init(code: Self.configurationError, message: error.localizedDescription)
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED:
            self.init(code: Self.temporaryFailure, message: Language.current.pick(
                "the database is busy; try again shortly", "数据库正忙，请稍后再试"))
        case let error as DatabaseError:
            self.init(code: Self.ioError, message: error.localizedDescription)
        default:
            return nil
        }
    }

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }
}

/// A failure the command itself detects, with its sysexits code.
struct HubCommandFailure: Error {
    let code: Int32
    let message: String
}
