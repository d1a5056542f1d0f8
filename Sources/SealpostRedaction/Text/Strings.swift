extension StringProtocol {
    /// The string without leading and trailing spaces, tabs and line breaks.
    func trimmedSpaces() -> String {
        var s = Substring(self)
        while let c = s.first, c.isWhitespace { s.removeFirst() }
        while let c = s.last, c.isWhitespace { s.removeLast() }
        return String(s)
    }
}
