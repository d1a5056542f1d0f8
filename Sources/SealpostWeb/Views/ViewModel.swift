import Mustache

/// A page's view model for the templates: its stored properties by name (as mustache's own
/// reflection finds them) and `computed`, the derived values a template tests, such as whether a
/// list has rows. Mustache treats 0 and "" as true, so templates test these booleans instead.
protocol ViewModel: MustacheParent {
    var computed: [String: Any] { get }
}

extension ViewModel {
    var computed: [String: Any] { [:] }

    func child(named name: String) -> Any? {
        if let value = computed[name] { return value }
        for child in Mirror(reflecting: self).children where child.label == name { return child.value }
        return nil
    }
}
