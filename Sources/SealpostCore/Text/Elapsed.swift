/// How long something has waited, or has left, in its two largest units (`3 h 5 min`,
/// `2 days 4 hours`): the command line's listings and the web pages say spans one way, each in
/// its own words for the units.
public enum Elapsed {
    /// The units' names: abbreviated for the command line's columns, words for the pages.
    public enum Units: Sendable {
        case abbreviated
        case words

        var names: (second: String, minute: String, hour: String, day: String) {
            switch self {
            case .abbreviated: ("s", "min", "h", "d")
            case .words: ("seconds", "minutes", "hours", "days")
            }
        }
    }

    /// `seconds` (a negative span reads as 0) as seconds, minutes, hours and minutes, or days and
    /// hours, whichever is the largest unit it reaches.
    public static func text(_ seconds: Int64, _ units: Units) -> String {
        let s = max(0, seconds)
        let n = units.names
        if s < 60 { return "\(s) \(n.second)" }
        if s < 3600 { return "\(s / 60) \(n.minute)" }
        if s < 86_400 { return "\(s / 3600) \(n.hour) \(s % 3600 / 60) \(n.minute)" }
        return "\(s / 86_400) \(n.day) \(s % 86_400 / 3600) \(n.hour)"
    }
}
