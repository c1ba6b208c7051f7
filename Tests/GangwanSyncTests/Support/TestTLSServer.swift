import Foundation

/// A real TLS server on 127.0.0.1: `openssl s_server -www` with a certificate made for the test
/// (self-signed, so it is its own certificate authority: what `--ca-file` takes for a private CA).
/// It answers every GET with a status page.
final class TestTLSServer {
    let port: Int
    /// The certificate, PEM, to pass as the CA file.
    let certificate: String
    private let folder: URL
    private let process: Process

    /// Starts a server whose certificate names `host` (an IP address or a DNS name).
    init(certificateFor host: String = "127.0.0.1") throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gangwan-tls-\(UUID().uuidString)")
        let certificate = folder.appendingPathComponent("cert.pem").path
        do {
            (process, port) = try Self.start(in: folder, certificate: certificate, host: host)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        self.folder = folder
        self.certificate = certificate
    }

    /// Makes a certificate naming `host` and starts `s_server` with it.
    private static func start(in folder: URL, certificate: String, host: String) throws -> (Process, Int) {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let key = folder.appendingPathComponent("key.pem").path
        let name = host.first?.isNumber == true ? "IP:\(host)" : "DNS:\(host)"
        try openssl([
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", key, "-out", certificate,
            "-days", "2", "-subj", "/CN=\(host)", "-addext", "subjectAltName=\(name)",
        ])
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        server.arguments = ["s_server", "-accept", "127.0.0.1:0", "-www", "-cert", certificate, "-key", key]
        let output = Pipe()
        server.standardOutput = output
        server.standardError = FileHandle.nullDevice
        try server.run()
        do {
            return (server, try listeningPort(output))
        } catch {
            stop(server)
            throw error
        }
    }

    /// Where the server listens, from its line "ACCEPT 127.0.0.1:PORT" (after a note on DH parameters).
    private static func listeningPort(_ output: Pipe) throws -> Int {
        var text = ""
        while !text.split(separator: "\n").contains(where: { $0.hasPrefix("ACCEPT ") }) || !text.hasSuffix("\n") {
            let chunk = output.fileHandleForReading.availableData
            guard !chunk.isEmpty else { throw EndToEndFailure("openssl s_server stopped before listening: \(text)") }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let accept = text.split(separator: "\n").first { $0.hasPrefix("ACCEPT ") }!
        guard let port = accept.split(separator: ":").last.flatMap({ Int($0) }) else {
            throw EndToEndFailure("openssl s_server said: \(text)")
        }
        return port
    }

    var baseURL: String { "https://127.0.0.1:\(port)" }

    deinit {
        Self.stop(process)
        try? FileManager.default.removeItem(at: folder)
    }

    /// `s_server` ignores SIGTERM.
    private static func stop(_ server: Process) {
        kill(server.processIdentifier, SIGKILL)
        server.waitUntilExit()
    }

    private static func openssl(_ arguments: [String]) throws {
        let run = Process()
        run.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        run.arguments = arguments
        run.standardOutput = FileHandle.nullDevice
        run.standardError = FileHandle.nullDevice
        try run.run()
        run.waitUntilExit()
        guard run.terminationStatus == 0 else { throw EndToEndFailure("openssl \(arguments[0]) exited \(run.terminationStatus)") }
    }
}
