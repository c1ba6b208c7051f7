import ArgumentParser
import Foundation
import GangwanHub
import GangwanKit

/// Options every hub command takes: the hub's database and its personal-data key.
struct HubOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The hub's database file (created if missing).", valueName: "path"))
    var db: String

    @Option(name: .customLong("key-file"), help: ArgumentHelp(
        "The personal-data key file (created 0600 if missing). Default: $GANGWAN_HUB_KEY_FILE, else the database path + .key.",
        valueName: "path"))
    var keyFile: String?

    /// The key file: flag, then `$GANGWAN_HUB_KEY_FILE`, then beside the database.
    var resolvedKeyFile: KeyFile {
        if let keyFile { return KeyFile(path: keyFile) }
        if let path = ProcessInfo.processInfo.environment["GANGWAN_HUB_KEY_FILE"], !path.isEmpty { return KeyFile(path: path) }
        return KeyFile(path: db + ".key")
    }

    func openStore() throws -> SQLiteHubStore {
        try SQLiteHubStore(path: db, keyFile: resolvedKeyFile)
    }
}
