import ArgumentParser
import SealpostCore

/// `sealpost user list`: the practitioners of this home, read without any passphrase.
struct UserListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the practitioners who can sign in (no passphrase needed).")

    @OptionGroup var options: HomeOptions

    func run() throws {
        let home = try options.privateHome()
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "pass --home DIR, or create one with: sealpost init")
        }
        let practitioners: [Practitioner]
        do { practitioners = try Practitioners(home: home).list() } catch { throw CLIError(error) }
        guard !practitioners.isEmpty else {
            print("No practitioners in \(home.path); only the agency passphrase unlocks it.")
            print("Add one with: sealpost user add --name \"NAME\" --role \"ROLE\"")
            return
        }
        let rows = practitioners.map { [$0.id, Timestamp.display(milliseconds: $0.createdAt * 1000), $0.name, $0.role] }
        print(Display.table([["ID", "ADDED (UTC)", "NAME", "ROLE"]] + rows))
    }
}
