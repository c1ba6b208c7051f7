import Foundation
import GangwanKit
import GangwanSync
import GRDB

/// The sysexits code and message for a library error: what a cron wrapper and a clerk each need.
struct ExitStatus {
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let temporaryFailure: Int32 = 75
    static let permissionDenied: Int32 = 77
    static let configurationError: Int32 = 78

    let code: Int32
    let message: String

    /// Classifies errors the library throws; `nil` leaves the error to ArgumentParser.
    init?(_ error: any Error) {
        switch error {
        case let error as FieldError:
            self.init(code: Self.dataError, message: error.localizedDescription)
        case let error as StoreError:
            if case .cannotOpen = error {
                self.init(code: Self.cannotCreate, message: error.localizedDescription)
            } else {
                self.init(code: Self.dataError, message: error.localizedDescription)
            }
        case let error as ImportError:
            if case .cannotRead = error {
                self.init(code: Self.noInput, message: error.localizedDescription)
            } else {
                self.init(code: Self.dataError, message: error.localizedDescription)
            }
        case let failure as CommandFailure:
            self.init(code: failure.code, message: failure.message)
        case let error as CaseworkError:
            self.init(code: Self.dataError, message: error.localizedDescription)
        case let error as PrivacyError:
            if case .cannotUnseal = error {
                self.init(code: Self.dataError, message: error.localizedDescription)
            } else {
                self.init(code: Self.configurationError, message: error.localizedDescription)
            }
        case let error as CSVError:
            self.init(code: Self.dataError, message: error.localizedDescription)
        case let error as SyncError:
            switch error {
            case .anotherSyncRunning, .hubUnavailable: self.init(code: Self.temporaryFailure, message: error.localizedDescription)
            case .tokenRefused: self.init(code: Self.permissionDenied, message: error.localizedDescription)
            case .hubRefused: self.init(code: Self.dataError, message: error.localizedDescription)
            case .notConfigured: self.init(code: Self.configurationError, message: error.localizedDescription)
            }
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED:
            self.init(code: Self.temporaryFailure, message: Language.current.pick(
                "the database is busy; try again shortly", "数据库正忙，请稍后再试"))
        case let error as DatabaseError:
            self.init(code: Self.cannotCreate, message: error.localizedDescription)
        default:
            return nil
        }
    }

    init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }
}
