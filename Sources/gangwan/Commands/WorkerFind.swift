import ArgumentParser
import GangwanKit

/// `gangwan worker find`: by exact ID number or phone (through the blind index), or part of the name.
struct WorkerFind: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Find workers by ID number, phone or name.")

    @OptionGroup var global: GlobalOptions
    @Option(name: .customLong("id-number"), help: "The exact ID number.") var idNumber: String?
    @Option(help: "The exact phone number.") var phone: String?
    @Option(help: "Part of the name.") var name: String?
    @Flag(name: .long, help: "Print JSON for scripts.") var json = false

    func validate() throws {
        guard [idNumber, phone, name].compactMap({ $0 }).count == 1 else {
            throw ValidationError(text("give exactly one of --id-number, --phone or --name", "请只给出 --id-number、--phone 或 --name 中的一项"))
        }
    }

    func run() throws {
        let db = try global.openDatabase()
        let key = try db.personalDataKey(from: global.keyFile)
        let filter = WorkerFilter(
            name: name, idNumber: try idNumber.map { try IDNumber(parsing: $0) }, phone: try phone.map { try PhoneNumber(parsing: $0) })
        let found = try db.workers(filter, key: key)
        try WorkerFormat.print(found, json: json)
    }
}
