import ArgumentParser

/// `gangwan-hub token …`: the bearer tokens offices sync with.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, list and revoke offices' sync tokens.",
        subcommands: [TokenIssue.self, TokenList.self, TokenRevoke.self]
    )
}
