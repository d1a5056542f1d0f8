/// A record is a JSON document: its public API takes and returns `JSONValue`, `JSONPath` and
/// `JSONError`, so whoever uses records sees the JSON types without a second import.
@_exported import SealpostJSON
