import ArgumentParser
import Foundation
import SealpostCommandLine

/// The `sealpost` command line. Each subcommand is a thin layer over SealpostCore.
public struct SealpostCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "sealpost",
        abstract: "Share safeguarding information between agencies, sealed end to end.",
        discussion: """
        Start with `sealpost init` to create your agency's identity, `sealpost export-card` to \
        give others your public card, and `sealpost seal` / `sealpost open` to exchange sealed files. \
        Through the partnership's relay: `sealpost send`, `inbox`, `open ID`, `ack ID`, `sync` and `outbox`; \
        `sealpost request` asks another agency for information, answered by a send or `sealpost decline`.
        """,
        version: "0.1.0",
        subcommands: [InitCommand.self, WhoamiCommand.self, ExportCardCommand.self, ImportCardCommand.self,
                      SealCommand.self, OpenCommand.self, AgreementCommand.self, RedactCommand.self,
                      SendCommand.self, RequestCommand.self, DeclineCommand.self, InboxCommand.self, AckCommand.self, OutcomeCommand.self, FamilyToldCommand.self, SyncCommand.self, OutboxCommand.self, StatusCommand.self, LogCommand.self, ReportCommand.self, UserCommand.self, PassphraseCommand.self, WebCommand.self, BenchCommand.self]
    )

    public init() {}

    /// Prints errors as `sealpost: error:` and `sealpost: hint:` lines, as `runReportingErrors` does.
    static let errorPrinter = ErrorPrinter(program: "sealpost")
}
