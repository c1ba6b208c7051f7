import ArgumentParser
import Foundation
import GangwanKit

/// The `gangwan-hub` command: the sync hub offices push to and pull from, and its tokens.
@main
struct GangwanHubCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gangwan-hub",
        abstract: "Gangwan 港湾 hub: the server union offices sync their databases with.",
        version: "0.1.0",
        subcommands: [Serve.self, TokenCommand.self]
    )

    /// Runs the command, turning library errors into a message and a sysexits code.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let error as ExitCode {
            exit(withError: error)
        } catch {
            if let status = ExitStatus.ofHub(error) {
                FileHandle.standardError.write(Data("gangwan-hub: \(status.message)\n".utf8))
                Foundation.exit(status.code)
            }
            exit(withError: error)
        }
    }
}
