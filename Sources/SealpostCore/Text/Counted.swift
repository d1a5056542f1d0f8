/// A count with its noun as a person says it: "1 record", "2 records", never "record(s)". The
/// web's pages, the command line's messages and `Elapsed`'s words all count through this.
public enum Counted {
    /// `n` and `singular`, or `plural` (by default `singular` + "s") unless `n` is one.
    public static func text(_ n: some BinaryInteger, _ singular: String, plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }
}
