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
        // Words read as a person would say them: "1 minute", "2 hours", "1 day 3 hours" (a singular
        // for one, no "0 minutes"). The abbreviations keep both columns for the command line.
        func count(_ k: Int64, _ name: String) -> String {
            units == .words ? Counted.text(k, String(name.dropLast()), plural: name) : "\(k) \(name)"
        }
        func pair(_ big: Int64, _ bigName: String, _ small: Int64, _ smallName: String) -> String {
            units == .words && small == 0 ? count(big, bigName) : count(big, bigName) + " " + count(small, smallName)
        }
        if s < 60 { return count(s, n.second) }
        if s < 3600 { return count(s / 60, n.minute) }
        if s < 86_400 { return pair(s / 3600, n.hour, s % 3600 / 60, n.minute) }
        return pair(s / 86_400, n.day, s % 86_400 / 3600, n.hour)
    }
}
