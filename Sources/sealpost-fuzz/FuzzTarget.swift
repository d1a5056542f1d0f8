/// One reader under fuzzing: a name, the function that feeds it one input, and the seed inputs
/// generated in code (valid documents signed by the fixed identities, so that mutation starts
/// past the signature and shape checks). Files from spec/, examples/ and the tests' fixtures are
/// added to the seed corpus by Tests/fuzz.sh.
///
/// Every `run` must return normally for every input: a reader that traps, overflows, reads out of
/// bounds, leaks or hangs on some bytes is a finding. Errors thrown by the reader are the expected
/// outcome for almost every input and are discarded.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    let run: @Sendable ([UInt8]) -> Void
    let seeds: @Sendable () -> [[UInt8]]

    init(_ name: String, _ summary: String, seeds: @escaping @Sendable () -> [[UInt8]] = { [] },
         run: @escaping @Sendable ([UInt8]) -> Void) {
        (self.name, self.summary, self.run, self.seeds) = (name, summary, run, seeds)
    }

    /// Every target, in the order Tests/fuzz.sh runs them.
    static let all: [FuzzTarget] = EnvelopeTargets.all + DocumentTargets.all + ProtocolTargets.all + LogTargets.all
        + FormTargets.all

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}
