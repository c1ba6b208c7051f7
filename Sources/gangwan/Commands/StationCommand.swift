import ArgumentParser

/// `gangwan station …`: the registry and the locator.
struct StationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station",
        abstract: "Register, find and maintain service stations.",
        subcommands: [
            StationNear.self, StationSearch.self, StationList.self, StationShow.self,
            StationAdd.self, StationUpdate.self, StationVerify.self,
            StationSuspend.self, StationClose.self, StationReopen.self, StationRemove.self,
            StationImport.self, StationExport.self,
        ]
    )
}
