import Foundation
import GRDB

/// The sysexits code and message for an error: what a cron wrapper and a clerk each need.
/// Both executables classify the library's errors here and add their own.
public struct ExitStatus: Error {
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let cannotCreate: Int32 = 73
    public static let ioError: Int32 = 74
    public static let temporaryFailure: Int32 = 75
    public static let permissionDenied: Int32 = 77
    public static let configurationError: Int32 = 78

    public let code: Int32
    public let message: String

    public init(code: Int32, message: String) {
        self.code = code
        self.message = message
    }

    /// Classifies the errors GangwanKit throws; `nil` for any other.
    public init?(_ error: any Error) {
        switch error {
        case let status as ExitStatus:
            self = status
        case let error as FieldError:
            self.init(code: Self.dataError, message: error.localizedDescription)
        case let error as StoreError:
            if case .cannotOpen = error {
                self.init(code: Self.cannotCreate, message: error.localizedDescription)
            } else if case .outsideScope = error {
                self.init(code: Self.permissionDenied, message: error.localizedDescription)
            } else {
                self.init(code: Self.dataError, message: error.localizedDescription)
            }
        case let error as ImportError:
            if case .cannotRead = error {
                self.init(code: Self.noInput, message: error.localizedDescription)
            } else {
                self.init(code: Self.dataError, message: error.localizedDescription)
            }
        case let error as OutputFileError:
            self.init(code: Self.cannotCreate, message: error.localizedDescription)
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
        case let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED:
            self.init(code: Self.temporaryFailure, message: Language.current.pick(
                "the database is busy; try again shortly", "数据库正忙，请稍后再试"))
        case let error as DatabaseError:
            self.init(code: Self.cannotCreate, message: error.localizedDescription)
        default:
            return nil
        }
    }
}
