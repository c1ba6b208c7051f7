import ArgumentParser
import Foundation
import GangwanKit

/// The `gangwan` command: station registry and locator for union offices and their cron jobs.
@main
struct Gangwan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gangwan",
        abstract: "Gangwan 港湾: outdoor-worker service stations and the case tracker for trade-union offices.",
        version: "0.1.0",
        subcommands: [StationCommand.self, WorkerCommand.self, CaseCommand.self, AuditCommand.self, ReportCommand.self, SyncCommand.self]
    )

    /// Runs the command, turning library errors into a message and a sysexits code.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as ExitCode {
            exit(withError: error)
        } catch {
            if let status = ExitStatus.of(error) {
                FileHandle.standardError.write(Data("gangwan: \(status.message)\n".utf8))
                Foundation.exit(status.code)
            }
            exit(withError: error)
        }
    }
}
