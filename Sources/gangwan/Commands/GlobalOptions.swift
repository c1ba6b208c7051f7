import ArgumentParser
import Foundation
import GangwanKit

/// Options every command takes: which database, and who is acting.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The database file. Default: $GANGWAN_DB, else $XDG_DATA_HOME/gangwan/gangwan.sqlite (~/.local/share/…).",
        valueName: "path"))
    var db: String?

    @Option(name: .long, help: "Who makes the change, for the record. Default: $GANGWAN_ACTOR, else the login name.")
    var actor: String?

    /// The database path: flag, then environment, then the XDG default.
    var databasePath: String {
        let env = ProcessInfo.processInfo.environment
        if let db { return db }
        if let path = env["GANGWAN_DB"], !path.isEmpty { return path }
        let dataHome = env["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.local/share"
        return dataHome + "/gangwan/gangwan.sqlite"
    }

    /// The actor named by the flag, else by `$GANGWAN_ACTOR`.
    private var named: String? {
        [actor, ProcessInfo.processInfo.environment["GANGWAN_ACTOR"]].compactMap { $0 }.first { !$0.isEmpty }
    }

    /// A named actor must be text a clerk could type: it is kept in the audit trail and sent to every node.
    func validate() throws {
        if db?.isEmpty == true { throw ValidationError(text("--db needs the path of a database file", "--db 需要数据库文件的路径")) }
        if let named {
            do {
                _ = try FieldText.actor(named)
            } catch {
                throw ValidationError(error.localizedDescription)
            }
        }
    }

    /// The actor: flag, then `$GANGWAN_ACTOR`, then the operating-system user.
    var actorName: String {
        // Checked by `validate()`; as it reads, line breaks folded to spaces.
        if let named, let checked = try? FieldText.actor(named) { return checked }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }

    /// `$HOME`, as the XDG specification reads it, else the account's home folder.
    private var home: String {
        let env = ProcessInfo.processInfo.environment
        if let home = env["HOME"], !home.isEmpty { return home }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }

    func openDatabase() throws -> GangwanDatabase {
        try GangwanDatabase.open(path: databasePath)
    }

    /// The personal-data key file: `$GANGWAN_KEY_FILE`, else `$XDG_CONFIG_HOME/gangwan/key` (~/.config/…).
    var keyFile: KeyFile {
        let env = ProcessInfo.processInfo.environment
        if let path = env["GANGWAN_KEY_FILE"], !path.isEmpty { return KeyFile(path: path) }
        let configHome = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        return KeyFile(path: configHome + "/gangwan/key")
    }
}

/// A value from a fixed list of lowercase names, read whatever its case: `GCJ02` is `gcj02`, as
/// `--kind HARBOR` is `harbor`.
public protocol CaseInsensitiveChoice: ExpressibleByArgument, RawRepresentable<String> {}

extension CaseInsensitiveChoice {
    public init?(argument: String) { self.init(rawValue: argument.lowercased()) }
}

extension CoordinateSystem: CaseInsensitiveChoice {}

/// Refuses a command that makes a new record without all of its required options (a usage error,
/// exit code 64), naming every missing one: the options are named as the record's fields.
func requireOptions<Fields>(_ given: Fields, _ required: [(String, KeyPath<Fields, String?>)], forNew record: String) throws {
    let missing = required.filter { given[keyPath: $0.1] == nil }.map { "--\($0.0)" }
    guard !missing.isEmpty else { return }
    throw ValidationError(text(
        "a new \(record) needs \(missing.joined(separator: ", "))", "新\(record)必须提供 \(missing.joined(separator: "、"))"))
}
