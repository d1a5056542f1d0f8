import ArgumentParser
import SealpostCore

/// `sealpost user remove NAME_OR_ID`: deletes a practitioner's key slot.
struct UserRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Remove a practitioner: their slot is deleted and their passphrase unlocks nothing here.",
        discussion: """
        Give the name (any case) or the id from `sealpost user list`; a damaged slot is removed by its id. \
        The agency passphrase and the other practitioners are unaffected, and the last practitioner may \
        be removed. A copy of the slot taken before (a backup) still opens with the old passphrase: if \
        that is a risk, the agency's keys must be replaced (spec/practitioners.md §Storage).
        """)

    @OptionGroup var options: HomeOptions

    @Argument(help: ArgumentHelp("The practitioner's name or id.", valueName: "NAME_OR_ID"))
    var practitioner: String

    func run() throws {
        let home = options.resolvedHome
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "pass --home DIR, or create one with: sealpost init")
        }
        let removed: Practitioners.Removed
        do { removed = try Practitioners(home: home).remove(practitioner) } catch { throw CLIError(error) }
        let who = removed.practitioner.map { "\($0.name) (\($0.role)), id \(removed.id)" } ?? "the damaged slot \(removed.id)"
        print("Removed \(who): \(home.practitionerSlotPath(removed.id)) is gone, and their passphrase no longer unlocks \(home.path).")
        let remaining = (try? Practitioners(home: home).list().count) ?? 0
        if remaining == 0 { print("No practitioners remain; the agency passphrase still works at the command line.") }
    }
}
