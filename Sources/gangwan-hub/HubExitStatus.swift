import GangwanHub
import GangwanKit

extension ExitStatus {
    /// The library's errors (see GangwanKit's `ExitStatus`), plus the hub store's.
    static func ofHub(_ error: any Error) -> ExitStatus? {
        guard let error = error as? HubStoreError else { return ExitStatus(error) }
        return ExitStatus(code: dataError, message: error.localizedDescription)
    }
}
