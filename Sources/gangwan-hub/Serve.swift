import ArgumentParser
import Foundation
import GangwanHub
import GangwanKit
import Logging

/// `gangwan-hub serve`: answers offices' pushes and pulls and the public locator until SIGTERM.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the hub's HTTP server.",
        discussion: "The first line on standard output is the address, e.g. `listening on http://127.0.0.1:8080`. Logs go to standard error. SIGTERM or SIGINT stops accepting connections, lets requests in flight finish, and exits 0.")

    @OptionGroup var options: HubOptions
    @Option(help: "The interface to listen on.") var host = "127.0.0.1"
    @Option(help: "The TCP port; 0 picks a free one.") var port = 8080
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.") var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in HubLogHandler(label: label, level: level) }
        let store = try options.openStore()
        store.finishWorkLeftByPushes()
        let configuration = HubServerConfiguration(host: host, port: port)
        let app = buildApplication(store: store, configuration: configuration, logger: Logger(label: "gangwan-hub")) { address in
            // Written straight to the descriptor, not through stdio's buffer: scripts and tests wait
            // for this line on a pipe.
            FileHandle.standardOutput.write(Data("listening on \(address.url)\n".utf8))
        }
        do {
            try await app.runService()
        } catch {
            throw ExitStatus(code: ExitStatus.ioError, message: Language.current.pick(
                "cannot serve on \(host):\(port): \(error)", "无法在 \(host):\(port) 上提供服务：\(error)"))
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
