import Hummingbird
import SealpostCore

extension Request {
    /// The query string read as a browser writes a GET form's fields: `application/x-www-form-urlencoded`,
    /// where a space is `+` and a typed plus is `%2B` (`URLEncodedForm`, as POSTed forms are read).
    /// Hummingbird's `uri.queryParameters` decodes percent escapes only, so "Jayden Okafor" typed into
    /// a search box would arrive as "Jayden+Okafor". Every page reads its query through this.
    var formQuery: Hummingbird.Parameters {
        var parameters = Hummingbird.Parameters()
        for (name, value) in URLEncodedForm.parse(uri.query ?? "") { parameters[Substring(name)] = Substring(value) }
        return parameters
    }
}
