import Foundation
import SealpostCore

/// The web app's form bodies (SealpostWeb's `FormBody`, through `URLEncodedForm`).
enum FormTargets {
    static let all: [FuzzTarget] = [form]

    static let form = FuzzTarget("form", "URLEncodedForm.parse of a POSTed body, and the trimmed text of each field",
                                 seeds: { formSeeds() }) { bytes in
        for (name, value) in URLEncodedForm.parse(String(decoding: bytes, as: UTF8.self)) {
            _ = name.utf8.count
            _ = value.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    static func formSeeds() -> [[UInt8]] {
        [
            "csrf=0123456789abcdef&passphrase=correct+horse+battery+staple",
            "csrf=ab&recipient=police-cait&recipient=mash-kingsbridge&purpose=s47-enquiry&narrative=A%20child%27s%20school%0D%0A",
            "a&=b&c=&%zz=%4&%E2%82%AC=%C3%28",
        ].map { Array($0.utf8) }
    }
}
