import ArgumentParser
import SealpostRelay

/// `sealpost-relay bench`: drives a real relay with many signed agencies and reports deposits/s.
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bench", abstract: "Measure the relay under load (not yet built).")

    func run() async throws {
        print("sealpost-relay bench: not built yet")
    }
}
