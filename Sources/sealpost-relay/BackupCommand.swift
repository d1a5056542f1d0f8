import ArgumentParser
import Foundation
import SealpostCommandLine
import SealpostCore
import SealpostRelay

/// `sealpost-relay backup`: a consistent copy of the relay's SQLite file, while it serves.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the relay's SQLite database consistently, while the relay serves.",
        discussion: """
            Uses SQLite's online backup: the copy is the database as of one commit, taken without stopping the \
            relay, checked, flushed to disk, and only then given its name. It never overwrites a file. A relay on \
            PostgreSQL is backed up with the server's tools (pg_dump, continuous archiving); with --database this \
            command says how.
            """)

    @Option(name: .long, help: ArgumentHelp("The relay's home (default: $SEALPOST_HOME, else ~/.sealpost); the database is DIR/relay.sqlite.", valueName: "DIR"))
    var home: String?
    @Option(name: .long, help: ArgumentHelp("The SQLite database (default: DIR/relay.sqlite).", valueName: "PATH"))
    var db: String?
    @Option(name: .long, help: ArgumentHelp("A PostgreSQL relay database: prints how to back it up.", valueName: "URL"))
    var database: String?
    @Option(name: .long, help: ArgumentHelp("The new backup file; it must not exist.", valueName: "FILE"))
    var to: String?

    func run() async throws {
        if RelayStoreChoice.databaseURL(database: database, db: db) != nil {
            throw CommandLineError("this relay keeps its data in PostgreSQL, which sealpost-relay does not copy itself",
                                   hint: RelayBackup.postgresAdvice)
        }
        guard let to else {
            throw CommandLineError("no backup file named", hint: "pass --to FILE, a new file (it is never overwritten)")
        }
        let source = db ?? Home.resolve(option: home).relayDatabasePath
        do {
            let report = try RelayBackup.sqlite(from: source, to: to)
            print("backed up \(source) to \(to): \(report.envelopes) envelope ids, \(report.waiting) copies waiting, "
                  + "\(report.bytes) bytes of envelopes; integrity check ok")
        } catch {
            throw CommandLineError(error.message, hint: error.hint)
        }
    }
}
