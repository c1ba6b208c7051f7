import ArgumentParser
import Foundation
import GangwanSync

/// Where the hub is and how to prove who we are: flags, then environment, then the config file.
struct SyncConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The hub's base URL. Default: $GANGWAN_ENDPOINT, else `endpoint` in the config file.", valueName: "url"))
    var endpoint: String?

    @Option(help: ArgumentHelp(
        "The file holding this office's token. Default: $GANGWAN_TOKEN_FILE, else `token_file` in the config file.", valueName: "path"))
    var tokenFile: String?

    @Option(help: ArgumentHelp("A CA certificate file, for a hub with a private certificate authority.", valueName: "path"))
    var caFile: String?

    struct Settings {
        var endpoint: Endpoint
        var token: String
        var caFile: String?
    }

    /// Resolves the settings; anything missing or unusable is a configuration error (exit 78).
    func settings() throws -> Settings {
        let env = ProcessInfo.processInfo.environment
        let config = SyncConfigFile.load()
        func pick(_ flag: String?, _ variable: String, _ configKey: String) -> String? {
            [flag, env[variable], config[configKey]].compactMap { $0 }.first { !$0.isEmpty }
        }
        guard let endpointText = pick(endpoint, "GANGWAN_ENDPOINT", "endpoint") else {
            throw SyncError.notConfigured(text(
                "no hub endpoint: give --endpoint URL, set GANGWAN_ENDPOINT, or put `endpoint = URL` in \(SyncConfigFile.path)",
                "未设置中心地址：请使用 --endpoint URL、设置 GANGWAN_ENDPOINT，或在 \(SyncConfigFile.path) 中写入 `endpoint = URL`"))
        }
        guard let tokenPath = pick(tokenFile, "GANGWAN_TOKEN_FILE", "token_file") else {
            throw SyncError.notConfigured(text(
                "no token file: give --token-file FILE, set GANGWAN_TOKEN_FILE, or put `token_file = FILE` in \(SyncConfigFile.path)",
                "未设置令牌文件：请使用 --token-file FILE、设置 GANGWAN_TOKEN_FILE，或在 \(SyncConfigFile.path) 中写入 `token_file = FILE`"))
        }
        let endpoint: Endpoint
        do {
            endpoint = try Endpoint(endpointText)
        } catch {
            throw SyncError.notConfigured(error.localizedDescription)
        }
        guard let data = FileManager.default.contents(atPath: tokenPath) else {
            throw SyncError.notConfigured(text("cannot read the token file \(tokenPath)", "无法读取令牌文件 \(tokenPath)"))
        }
        let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isWhitespace) else {
            throw SyncError.notConfigured(text(
                "the token file \(tokenPath) does not hold one token", "令牌文件 \(tokenPath) 中没有有效令牌"))
        }
        return Settings(endpoint: endpoint, token: token, caFile: caFile)
    }
}

/// `$XDG_CONFIG_HOME/gangwan/sync.conf`: `key = value` lines, `#` comments.
enum SyncConfigFile {
    static var path: String {
        let env = ProcessInfo.processInfo.environment
        let home = env["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? FileManager.default.homeDirectoryForCurrentUser.path
        let configHome = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return configHome + "/gangwan/sync.conf"
    }

    static func load() -> [String: String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var values: [String: String] = [:]
        for line in String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline) {
            let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
            guard let equals = content.firstIndex(of: "=") else { continue }
            let name = content[..<equals].trimmingCharacters(in: .whitespaces)
            values[name] = content[content.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return values
    }
}
