import ArgumentParser

/// `gangwan case …`: the case tracker.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Open cases, log contacts and assistance, and follow them until closed.",
        subcommands: [CaseOpen.self, CaseStatusChange.self, CaseAssign.self, CaseLog.self, CaseShow.self, CaseList.self]
    )
}
