import ArgumentParser

/// `gangwan worker …`: the people the union helps.
struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "worker",
        abstract: "Register and find workers (ID numbers and phones are encrypted and shown masked).",
        subcommands: [WorkerAdd.self, WorkerShow.self, WorkerUpdate.self, WorkerList.self, WorkerFind.self]
    )
}
