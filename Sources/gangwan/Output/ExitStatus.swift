import GangwanKit
import GangwanSync

extension ExitStatus {
    /// The library's errors (see GangwanKit's `ExitStatus`), plus sync's, each with its code for cron.
    static func of(_ error: any Error) -> ExitStatus? {
        guard let error = error as? SyncError else { return ExitStatus(error) }
        switch error {
        case .anotherSyncRunning, .hubUnavailable: return ExitStatus(code: temporaryFailure, message: error.localizedDescription)
        case .tokenRefused: return ExitStatus(code: permissionDenied, message: error.localizedDescription)
        case .hubRefused: return ExitStatus(code: dataError, message: error.localizedDescription)
        case .notConfigured: return ExitStatus(code: configurationError, message: error.localizedDescription)
        }
    }
}
